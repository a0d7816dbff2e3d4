import Foundation
import Synchronization
import Yams
import Archive
import Diagnostics
import TextKeys

/// A YAML node that remembers its file and line, so every config error can name `path:line`.
struct YAMLValue {
    let node: Node
    let path: String
    /// Lines before the YAML text in its file (the `---` of front matter).
    let lineOffset: Int

    /// Nodes of a document, counted with aliases expanded: an alias "bomb" is refused, not walked.
    static let maxNodes = 2_000_000

    /// Parses YAML text; an empty document is an empty mapping. A text value holding a refused
    /// control character (`ControlCharacters`), even one written as an escape (`"\\u202E"`), is an error.
    static func parse(_ text: String, path: String, lineOffset: Int = 0) throws -> YAMLValue {
        let node: Node
        do {
            // The encoding given: Yams's default reads the process environment on every parse,
            // which was a third of reading a write-up's front matter. The basic resolver: qcsite
            // reads every scalar as the text it is (`string`, `isNull`, `FlagWords`) and never
            // asks Yams for a type, but Yams hashes every mapping key to find duplicates, which
            // with the default resolver ran its seven regular expressions over each key (a 2 MB
            // registry imported in 1.23 s instead of about 1.5 s). Keys are duplicates when their
            // text is the same, quoted or not.
            node = try plainMapping(text) ?? Yams.compose(yaml: text, resolver, .default, .utf8) ?? Node.mapping(Node.Mapping([]))
        } catch let error as YamlError {
            // An error at the end of the text (an unclosed bracket) is marked one line past it: name the last line.
            let lines = max(1, text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0))
            throw InputError(path: path, line: Self.line(of: error).map { min($0, lines) + lineOffset } ?? 0,
                             "YAML 格式错误 (YAML syntax): \(Self.problem(of: error))；检查缩进和冒号后的空格")
        }
        let value = YAMLValue(node: node, path: path, lineOffset: lineOffset)
        try value.checkText()
        return value
    }

    /// Text of `key: value` lines only, the front matter of nearly every write-up and notice,
    /// composed as Yams composes it (a mapping of plain scalars at the same marks) without
    /// libyaml's cost, which was a fifth of reading a write-up. Nil for anything else, which Yams
    /// parses: a line that is not a short ASCII key, a colon, spaces and a value of plain text
    /// starting with no indicator and holding no `:`, `#`, tab or character YAML refuses or
    /// breaks lines at; an empty line; a key given twice.
    static func plainMapping(_ text: String) -> Node? {
        guard !text.isEmpty else { return nil }
        var pairs: [(Node, Node)] = []
        var keys = Set<String>()
        for (index, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            let key = line[..<colon]
            guard (1...64).contains(key.count), key.allSatisfy(isKeyByte), key.first != UInt8(ascii: "-") else { return nil }
            let afterColon = line.index(after: colon)
            guard afterColon < line.endIndex, line[afterColon] == UInt8(ascii: " ") else { return nil }
            guard let start = line[afterColon...].firstIndex(where: { $0 != UInt8(ascii: " ") }) else { return nil }
            let end = line[start...].lastIndex(where: { $0 != UInt8(ascii: " ") }).map(line.index(after:))!
            let value = String(Substring(line[start..<end]))
            guard isPlainText(value) else { return nil }
            let keyText = String(Substring(key))
            guard keys.insert(keyText).inserted else { return nil }
            // Columns count characters; all before the value are ASCII.
            let column = line.distance(from: line.startIndex, to: start) + 1
            guard let keyMark = mark(line: index + 1, column: 1), let valueMark = mark(line: index + 1, column: column) else { return nil }
            pairs.append((.scalar(.init(keyText, implicitTag(), .plain, keyMark)), .scalar(.init(value, implicitTag(), .plain, valueMark))))
        }
        // Yams takes a mapping's style from its end, which has none.
        return .mapping(.init(pairs, implicitTag(), .any, mark(line: 1, column: 1)))
    }

    /// The tag Yams gives a node it composes with the resolver `parse` uses: the same nodes
    /// compare equal whichever way they were composed (a file's nodes before and after an edit,
    /// `CompetitionFile`). One per node: Yams writes a tag when it resolves it.
    private static func implicitTag() -> Tag {
        Tag(.implicit, resolver, constructor)
    }

    private static let resolver = Resolver.basic
    /// One constructor for every tag, as Yams gives one to the nodes of a parse: `Constructor.default`
    /// is made anew on each use (three tables of a dozen entries: for every field of every
    /// write-up's front matter). Its tables are constants, read only.
    nonisolated(unsafe) private static let constructor = Constructor.default

    /// Marks by place (`line << 16 | column`). Yams gives a mark no public initializer: each is
    /// taken, once, from a scalar Yams composes at that place.
    private static let marks = Mutex<[Int: Mark]>([:])

    private static func mark(line: Int, column: Int) -> Mark? {
        guard line < 1 << 10, column < 1 << 16 else { return nil }
        let place = line << 16 | column
        if let known = marks.withLock({ $0[place] }) { return known }
        let text = String(repeating: "\n", count: line - 1) + String(repeating: " ", count: column - 1) + "x"
        guard let mark = (try? Yams.compose(yaml: text))??.mark, mark.line == line, mark.column == column else { return nil }
        marks.withLock { $0[place] = mark }
        return mark
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"): true
        default: false
        }
    }

    /// A value YAML reads as the plain text it is: no indicator first, no `:` or `#` anywhere,
    /// and only characters YAML prints and never breaks a line at.
    private static func isPlainText(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, !"-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) else { return false }
        return value.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x3A, 0x23: false  // `:` and `#`
            case 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...: true
            default: false
            }
        }
    }

    static func read(_ url: URL, displayPath: String) throws -> YAMLValue {
        let (text, _) = try TextDecoding.read(url, displayPath: displayPath, limit: InputLimits.yamlBytes)
        return try parse(text, path: displayPath)
    }

    /// Every scalar (keys too) checked for refused characters, without recursion.
    private func checkText() throws {
        var log = ErrorLog()
        var pending = [node]
        var visited = 0
        while let next = pending.popLast() {
            visited += 1
            guard visited <= Self.maxNodes else {
                throw InputError(path: path, line: line, "YAML 内容过大：展开别名 (*) 后超过 \(Self.maxNodes) 个值；请不要用别名复制大段内容")
            }
            switch next {
            case .scalar(let scalar):
                if let refused = ControlCharacters.firstRefused(in: scalar.string) {
                    log.add(wrap(next).error(ControlCharacters.message(refused, in: "「\(scalar.string.prefix(20))」")))
                }
            case .mapping(let mapping):
                for (key, value) in mapping { pending.append(contentsOf: [value, key]) }
            case .sequence(let sequence):
                pending.append(contentsOf: sequence.reversed())
            case .alias:
                break
            }
        }
        try log.throwIfAny()
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(error)"
        }
    }

    var line: Int { (node.mark?.line ?? 0) + lineOffset }

    func error(_ message: String) -> InputError {
        InputError(path: path, line: line, message)
    }

    private func wrap(_ node: Node) -> YAMLValue {
        YAMLValue(node: node, path: path, lineOffset: lineOffset)
    }

    subscript(key: String) -> YAMLValue? {
        guard let mapping = node.mapping else { return nil }
        for (k, v) in mapping where k.string == key { return wrap(v) }
        return nil
    }

    /// The entries of a mapping in file order.
    var entries: [(key: String, value: YAMLValue)]? {
        node.mapping.map { $0.map { (key: $0.key.string ?? "", value: wrap($0.value)) } }
    }

    var items: [YAMLValue]? {
        node.sequence.map { $0.map(wrap) }
    }

    var isNull: Bool {
        if let scalar = node.scalar { return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string) }
        return false
    }

    /// A scalar as text (numbers and dates too, as written).
    var string: String? {
        guard let scalar = node.scalar, !isNull else { return nil }
        return scalar.string
    }

    func requireString() throws -> String {
        guard let text = string.map(TextNormalization.trimmed), !text.isEmpty else {
            throw error("应为文字 (expected a text value)")
        }
        return text
    }

    func requireInt() throws -> Int {
        guard let text = string, let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw error("应为整数 (expected a whole number), 实际为 \(string ?? "空")")
        }
        return value
    }

    /// A whole number within `range`; `name` says which value in the message.
    func requireInt(_ name: String, in range: ClosedRange<Int>) throws -> Int {
        let number = try requireInt()
        guard range.contains(number) else {
            throw error("\(name) 为 \(number)，应在 \(range.lowerBound) 到 \(range.upperBound) 之间")
        }
        return number
    }

    func requireDouble() throws -> Double {
        guard let text = string, let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
            throw error("应为数字 (expected a number), 实际为 \(string ?? "空")")
        }
        return value
    }

    func requireBool() throws -> Bool {
        guard let value = string.flatMap(FlagWords.value) else {
            throw error("应为 true 或 false（也可写 yes/no、on/off、是/否）(expected true or false)")
        }
        return value
    }

    func requireDate() throws -> String {
        let text = try requireString()
        guard let date = DateText.iso(text) else {
            throw error("日期无效 (not a date): \(text)；请写成 YYYY-MM-DD，如 2024-08-30")
        }
        return date
    }

    func requireStrings() throws -> [String] {
        if let items { return try items.map { try $0.requireString() } }
        if let text = string { return ListText.split(text) }
        throw error("应为列表 (expected a list)")
    }
}
