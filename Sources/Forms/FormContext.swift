import Archive
import Content
import Rules

/// What every form of a year is made from: the archived year, its rules and the registry.
struct FormContext {
    let records: YearRecords
    let rules: CompetitionRules
    let registry: Registry
    /// The names on the enterprises' seals (公章), the names the notice asks for.
    let sealNames: [String]
    /// The seal names of the member units (会员单位) that recommend excellent enterprises.
    let memberUnitNames: [String]
    private let namesById: [String: String]

    init(records: YearRecords, registry: Registry) throws {
        self.records = records
        self.registry = registry
        rules = records.competition.rules
        sealNames = registry.enterprises.map(\.name).sorted()
        namesById = Dictionary(registry.enterprises.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let unitIds = Set(registry.enterprises.compactMap(\.memberUnitId))
        memberUnitNames = registry.enterprises.filter { $0.isMember || unitIds.contains($0.id) }.map(\.name).sorted()
    }

    var year: Int { records.year }

    /// Where a filled copy goes for `import`, as staff see it.
    func yearFile(_ name: String) -> String { "content/years/\(year)/\(name)" }

    func sealName(_ enterpriseId: String) -> String {
        namesById[enterpriseId] ?? enterpriseId
    }

    /// A drop-down of seal names; a name outside it is let through after a warning, since
    /// `import` also takes the aliases the registry lists.
    var sealNameRule: Form.Rule? {
        sealNames.isEmpty ? nil : Form.Rule(
            check: .choice(sealNames), alert: .warning,
            error: "不是登记单位的公章名称。简称或旧名须已在 enterprises.yaml 中登记为别名，否则导入时报错。")
    }

    /// The columns a form's rows carry beyond those `import` names (kept in the archive as
    /// `{header: value}`), so a form filled in from the archive loses nothing.
    static func extraColumns(_ extras: [[String: String]]) -> (headers: [String], cells: [[Form.Cell]]) {
        let headers = Set(extras.flatMap(\.keys)).sorted()
        let cells = extras.map { extra in headers.map { extra[$0].map(Form.Cell.text) ?? .empty } }
        return (headers, cells)
    }

    static func extraColumn(_ header: String) -> Form.Column {
        Form.Column(header: header, help: "原表中的其他列，导入时保留")
    }

    /// The form's columns named as `import` reads them, in the reader's order.
    static func columns(_ specs: [ColumnSpec], _ make: (ColumnSpec) -> Form.Column) -> [Form.Column] {
        specs.map { spec in
            var column = make(spec)
            column.header = spec.chinese
            column.required = spec.required
            return column
        }
    }

    static func text(_ value: String) -> Form.Cell { value.isEmpty ? .empty : .text(value) }
}
