import Foundation
import Diagnostics
import TextKeys

/// A column of an official form: its Chinese header, English name and other spellings seen in forms.
package struct ColumnSpec: Sendable {
    package let key: String
    package let chinese: String
    var alternatives: [String] = []
    package var required = false

    static func required(_ key: String, _ chinese: String, _ alternatives: String...) -> ColumnSpec {
        ColumnSpec(key: key, chinese: chinese, alternatives: alternatives, required: true)
    }

    static func optional(_ key: String, _ chinese: String, _ alternatives: String...) -> ColumnSpec {
        ColumnSpec(key: key, chinese: chinese, alternatives: alternatives, required: false)
    }
}

/// Where each named column sits in a table's header; columns it does not know are kept as extras.
struct ColumnMap {
    let table: Table
    private var indexes: [String: Int] = [:]
    private var extraIndexes: [Int] = []
    /// The named columns whose length is limited, in column order: worked out once per table.
    private var limitedColumns: [(index: Int, limit: Int?, isPersonList: Bool)] = []

    /// Maps the header; a missing required column is logged at the header line and gives nil.
    init?(_ table: Table, _ specs: [ColumnSpec], extraKnown: Set<String> = [], log: inout ErrorLog) {
        self.table = table
        var byHeader: [String: String] = [:]
        for spec in specs {
            for name in [spec.key, spec.chinese] + spec.alternatives { byHeader[Self.headerKey(name)] = spec.key }
        }
        let known = Set(extraKnown.map(Self.headerKey))
        for (index, header) in table.header.enumerated() {
            let key = Self.headerKey(header)
            if key.isEmpty { continue }
            if let name = byHeader[key] {
                if indexes[name] == nil { indexes[name] = index }
            } else if !known.contains(key) {
                extraIndexes.append(index)
            }
        }
        var missing = false
        for spec in specs where spec.required && indexes[spec.key] == nil {
            missing = true
            log.add(table.path, table.headerLine,
                    "缺少必填列「\(spec.chinese)」(missing required column \(spec.key))；请在表头加上这一列")
        }
        if missing { return nil }
        limitedColumns = indexes.compactMap { key, index in
            let limit = Self.fieldLimits[key], isPersonList = Self.personLists.contains(key)
            return limit != nil || isPersonList ? (index, limit, isPersonList) : nil
        }.sorted { $0.index < $1.index }
    }

    /// Header text as compared: half-width, no spaces, case folded, a trailing note in brackets dropped
    /// (「单位名称（公章为主）」 is 「单位名称」).
    static func headerKey(_ header: String) -> String {
        var key = TextNormalization.nameKey(header)
        if key.hasSuffix(")"), let open = key.lastIndex(of: "("), open != key.startIndex {
            key = String(key[..<open])
        }
        return key
    }

    func has(_ key: String) -> Bool { indexes[key] != nil }

    func index(_ key: String) -> Int? { indexes[key] }

    /// The trimmed cell of a named column ("" when the column or the cell is absent).
    func value(_ row: Table.Row, _ key: String) -> String {
        TextNormalization.trimmed(row[indexes[key]])
    }

    /// Non-empty cells of unnamed columns, by header: kept in the archive, ignored by rules.
    func extras(_ row: Table.Row) -> [String: String] {
        var extras: [String: String] = [:]
        for index in extraIndexes {
            let value = TextNormalization.trimmed(row[index])
            if !value.isEmpty { extras[table.header[index]] = value }
        }
        return extras
    }

    var extraHeaders: [String] { extraIndexes.map { table.header[$0] } }

    /// The longest text of a field, by column key, in every table that has it (`InputLimits`).
    static let fieldLimits: [String: Int] = [
        "title": InputLimits.titleCharacters, "venue": InputLimits.titleCharacters,
        "group": InputLimits.nameCharacters, "enterprise": InputLimits.nameCharacters, "member_unit": InputLimits.nameCharacters,
        "judge": InputLimits.personCharacters, "tutor": InputLimits.personCharacters, "contact": InputLimits.personCharacters,
    ]
    /// Columns listing people, each name held to `InputLimits.personCharacters`.
    static let personLists = ["presenters", "members"]

    /// The fields of `row` longer than their limit, one problem each, in column order.
    func lengthProblems(_ row: Table.Row) -> [String] {
        var problems: [String] = []
        for (index, limit, isPersonList) in limitedColumns {
            let text = TextNormalization.trimmed(row[index])
            if let limit, let problem = InputLimits.lengthProblem(text, column: table.header[index], limit: limit) {
                problems.append(problem)
            }
            if isPersonList, text.unicodeScalars.count > InputLimits.personCharacters {
                for name in ListText.split(text) {
                    let shown = "\(table.header[index])中的「\(name.prefix(10))…」"
                    if let problem = InputLimits.lengthProblem(name, column: shown, limit: InputLimits.personCharacters) {
                        problems.append(problem)
                    }
                }
            }
        }
        return problems
    }
}
