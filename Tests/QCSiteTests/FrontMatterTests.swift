import Foundation
import Testing
import Yams
@testable import Content
@testable import Diagnostics

@Suite("Front matter of plain lines")
struct FrontMatterTests {
    /// Every node of `a` and `b` alike: kind, text, resolved tag, style, mark, and the order of pairs and items.
    func same(_ a: Node, _ b: Node) -> Bool {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            return a == b && x.style == y.style && x.mark?.description == y.mark?.description
        case (.mapping(let x), .mapping(let y)):
            return x.style == y.style && x.mark?.description == y.mark?.description && x.tag == y.tag && x.count == y.count
                && zip(x, y).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
        case (.sequence(let x), .sequence(let y)):
            return x.count == y.count && zip(x, y).allSatisfy(same)
        default:
            return false
        }
    }

    @Test("Lines of plain text compose as Yams composes them; anything else is left to Yams")
    func sameAsYams() throws {
        let keys = ["title", "date", "summary", "id", "a_b", "x-y", "2024", "T", "-k", "a b", "标题", String(repeating: "k", count: 70)]
        let values = ["减少室内无线网络告警误报率", "2024-09-06", "abc", "1.5", "~", "null", "yes", "a 'b' c", "C#语言", "QC: 小组",
                      "甲 # 乙", "- 项", "'引号'", "\"引号\"", "[1, 2]", "{a}", "&anchor", "*alias", "!tag", "|", ">", "%", "@", "`",
                      "？全角问号", "a\tb", "x\u{85}y", "行\u{2028}分", "\u{FEFF}前", "私\u{E000}用", "😀 表情", "末尾  ", "  前导",
                      "a, b", "a]b", "\\n", "...", "---x", "é", "\u{202E}反向", "\u{7F}", "零\u{0}"]
        var random = SeededRandom(seed: 11)
        var taken = 0
        for round in 0..<6000 {
            let lines = (0..<(1 + round % 3)).map { _ -> String in
                let key = keys.randomElement(using: &random)!
                let value = values.randomElement(using: &random)!
                let gap = [": ", ": ", ": ", ":  ", ":", " : ", ":\t"].randomElement(using: &random)!
                return key + gap + value
            }
            var text = lines.joined(separator: "\n")
            if round % 50 == 0 { text += "\n" }
            if round % 70 == 0 { text = "  " + text }
            let fast = YAMLValue.plainMapping(text)
            let composed = try? Yams.compose(yaml: text, .basic, .default, .utf8)
            if let fast {
                taken += 1
                let composed = try #require(composed, "\(text.debugDescription)")
                #expect(same(fast, composed), "\(text.debugDescription)")
            }
        }
        // Enough texts took the plain path, and enough were left to Yams, for the test to say something.
        #expect(taken > 300 && taken < 5000, "\(taken)")
    }

    @Test("The lines around front matter are trimmed as Foundation trims whitespace")
    func markerLines() {
        var random = SeededRandom(seed: 12)
        let pieces = [" ", "\t", "-", ".", "a", "\u{3000}", "\u{A0}", "甲", "\u{2003}", "\u{B}"]
        for _ in 0..<5000 {
            let line = (0..<Int.random(in: 0..<7, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(String(MarkdownFile.trimmed(line[...])) == line.trimmingCharacters(in: .whitespaces), "\(line.debugDescription)")
        }
        let markers = ["---", " --- ", "\u{3000}---\t", "\u{A0}...", "-- -", "----", "..", "title: 2024-09-06", "甲---", "---\u{B}"]
        for line in markers {
            #expect(MarkdownFile.isMarker(line[...], ["---", "..."]) == ["---", "..."].contains(line.trimmingCharacters(in: .whitespaces)),
                    "\(line.debugDescription)")
        }
        #expect(markers.filter { MarkdownFile.isMarker($0[...], ["---", "..."]) }.count == 4)
    }

    /// Markdown files split by cutting every line apart first, as `MarkdownFile.parse` once did:
    /// the body, its first line, the front matter's text and the errors, to compare with.
    func splitByLines(_ text: String) -> (body: String, bodyLine: Int, yaml: String?, errors: [String]) {
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Substring.init)
        func errors(_ part: ArraySlice<Substring>) -> [String] {
            zip(part.indices, part).compactMap { index, line in
                ControlCharacters.firstRefused(in: line).map { "n.md:\(index + 1): " + ControlCharacters.message($0, in: "这一行") }
            }
        }
        let marker = { (line: Substring, markers: [String]) in markers.contains(line.trimmingCharacters(in: .whitespaces)) }
        guard marker(lines[0], ["---"]) else { return (text, 1, nil, errors(lines[...])) }
        guard let end = lines.dropFirst().firstIndex(where: { marker($0, ["---", "..."]) }) else {
            return ("", 0, nil, ["n.md:1: front matter 没有结束的 --- 行 (front matter is never closed)"])
        }
        let body = end + 1 < lines.count ? String(text[lines[end + 1].startIndex...]) : ""
        return (body, end + 2, lines[1..<end].joined(separator: "\n"), errors(lines[(end + 1)...]))
    }

    @Test("Front matter and body are split as cutting every line apart splits them, errors at the same lines")
    func splitAsLines() {
        var random = SeededRandom(seed: 13)
        let pieces = ["---", "...", " --- ", "title: 标题", "date: 2024-09-06", "\n", "\n", "\n", "甲乙", "\u{1}", "\u{202E}", " ", "-", ".", "#"]
        var closed = 0
        for round in 0..<6000 {
            let text = (round % 2 == 0 ? "---\n" : "")
                + (0..<Int.random(in: 1..<12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let expected = splitByLines(text)
            do {
                let file = try MarkdownFile.parse(text, path: "n.md")
                #expect(expected.errors.isEmpty, "\(text.debugDescription)")
                #expect(file.body == expected.body && file.bodyLine == expected.bodyLine, "\(text.debugDescription)")
                if let yaml = expected.yaml {
                    closed += 1
                    #expect(file.frontMatter.map { same($0.node, try! YAMLValue.parse(yaml, path: "n.md", lineOffset: 1).node) } == true,
                            "\(text.debugDescription)")
                } else {
                    #expect(file.frontMatter == nil, "\(text.debugDescription)")
                }
            } catch {
                // The body's errors are the expected ones; any other is the front matter's, which YAML refuses.
                let errors = (error as? InputErrors)?.errors ?? [error as? InputError].compactMap { $0 }
                #expect(!errors.isEmpty, "\(text.debugDescription): \(error)")
                let body = errors.filter { expected.yaml == nil || $0.line >= expected.bodyLine }.map(\.description)
                #expect(body == expected.errors, "\(text.debugDescription): \(body) vs \(expected.errors)")
                let yamlRefused = expected.yaml.map { (try? YAMLValue.parse($0, path: "n.md", lineOffset: 1)) == nil } ?? false
                #expect(!expected.errors.isEmpty || yamlRefused, "\(text.debugDescription): \(error)")
            }
        }
        #expect(closed > 150, "\(closed)")
    }

    @Test("A write-up's front matter: the plain path and Yams give the same values and lines")
    func writeup() throws {
        let text = "title: 减少室内无线网络告警误报率\nregistration: 2024-001"
        let fast = try #require(YAMLValue.plainMapping(text))
        let value = try YAMLValue.parse(text, path: "w.md", lineOffset: 1)
        #expect(same(value.node, fast))
        #expect(value["registration"]?.line == 3)
        #expect(value["title"]?.string == "减少室内无线网络告警误报率")
        // A key given twice is Yams's error, with its message.
        #expect(YAMLValue.plainMapping("title: a\ntitle: b") == nil)
        #expect(throws: InputError.self) { try YAMLValue.parse("title: a\ntitle: b", path: "w.md") }
        // qcsite reads keys as text: the same text quoted or not is the same key, whatever type
        // YAML 1.1 would give the plain one (a boolean, a number, null).
        for key in ["yes", "1", "null", "2024-09-06"] {
            #expect(throws: InputError.self, "\(key)") { try YAMLValue.parse("\(key): a\n\"\(key)\": b", path: "w.md") }
        }
    }
}
