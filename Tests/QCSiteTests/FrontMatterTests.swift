import Foundation
import Testing
import Yams
@testable import Content
@testable import Diagnostics

@Suite("Front matter of plain lines")
struct FrontMatterTests {
    /// Every node of `a` and `b` alike: kind, text, resolved tag, style, mark, and the order of pairs.
    func same(_ a: Node, _ b: Node) -> Bool {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            return a == b && x.style == y.style && x.mark?.description == y.mark?.description
        case (.mapping(let x), .mapping(let y)):
            return x.style == y.style && x.mark?.description == y.mark?.description && x.tag == y.tag && x.count == y.count
                && zip(x, y).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
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
            let composed = try? Yams.compose(yaml: text, .default, .default, .utf8)
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
    }
}
