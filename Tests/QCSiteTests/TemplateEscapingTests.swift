import Foundation
import Mustache
import Testing
@testable import Diagnostics
@testable import Publishing

/// `{{value}}` in a theme's templates is escaped on UTF-8 bytes (`HTMLText`), through a pragma
/// line each template is parsed with: the output is swift-mustache's but for that escaping, and
/// errors still name the template's own lines.
@Suite("Template escaping")
struct TemplateEscapingTests {
    struct Model: Encodable {
        var text: String
        var items: [String]
    }

    static func theme(_ templates: [String: String]) throws -> (Theme, URL) {
        let root = TestFolders.new("theme")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("templates"), withIntermediateDirectories: true)
        for (name, text) in templates {
            try Data(text.utf8).write(to: root.appendingPathComponent("templates/\(name).mustache"))
        }
        return (try Theme.load(root, displayPath: "themes/test"), root)
    }

    @Test("A quote, ampersand or angle bracket followed by a combining mark is escaped: it cannot end an attribute")
    func combiningMarks() throws {
        let (theme, root) = try Self.theme(["page": "<a title=\"{{text}}\">{{text}}</a>"])
        defer { try? FileManager.default.removeItem(at: root) }
        let hostile = "\"\u{301} onclick=alert(1) x='\u{301}' &\u{301} <\u{301}b>"
        let escaped = "&quot;\u{301} onclick=alert(1) x=&#39;\u{301}&#39; &amp;\u{301} &lt;\u{301}b&gt;"
        #expect(try theme.render("page", Model(text: hostile, items: [])) == Data("<a title=\"\(escaped)\">\(escaped)</a>".utf8))
        #expect(XMLEscaping.escape(hostile) == escaped)
        #expect(XMLEscaping.escape("示例通信 · 蓝海QC小组") == "示例通信 · 蓝海QC小组")
    }

    @Test("Standalone tags, sections and partials render as swift-mustache renders them without the pragma")
    func sameWhitespace() throws {
        let templates = [
            "page": "{{#items}}\n  <li>{{.}}</li>\n{{/items}}\n{{^items}}\nnone\n{{/items}}\n{{> part}}\n<p>{{text}}</p>\n",
            "part": "{{! a comment }}\n<em>{{text}}</em>\n",
        ]
        let (theme, root) = try Self.theme(templates)
        defer { try? FileManager.default.removeItem(at: root) }
        var plain = MustacheLibrary()
        for (name, text) in templates { plain.register(try MustacheTemplate(string: text), named: name) }
        for model in [Model(text: "蓝海QC小组", items: ["甲", "乙"]), Model(text: "", items: [])] {
            let expected = plain.render(["text": model.text, "items": model.items] as [String: Any], withTemplate: "page")
            #expect(try theme.render("page", model) == expected.map { Data($0.utf8) })
        }
    }

    @Test("A template syntax error names the template's own line")
    func errorLine() throws {
        let error = try #require(throws: InputErrors.self) {
            _ = try Self.theme(["page": "<h1>{{text}}</h1>\n{{#items}}\n{{/text}}\n"])
        }
        #expect(error.errors.map(\.line) == [3], "\(error.errors)")
    }
}
