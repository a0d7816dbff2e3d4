import Foundation
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
            // which was a third of reading a write-up's front matter.
            node = try Yams.compose(yaml: text, .default, .default, .utf8) ?? Node.mapping(Node.Mapping([]))
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
