import Foundation
import Mustache
import Testing
@testable import Publishing
@testable import SiteBuild

/// `TemplateRenderer` writes swift-mustache's bytes: for random templates of the grammar it
/// compiles, for swift-mustache's whitespace quirks, for every file of the demo site; and a
/// template it does not compile is rendered by swift-mustache as before.
@Suite("Template renderer")
struct TemplateRendererTests {
    /// The same templates as two themes: compiled where `CompiledTemplates` compiles them, and
    /// rendered by swift-mustache throughout.
    struct Renderers {
        let compiled: Theme
        let mustache: Theme

        init(_ texts: [String: String]) throws {
            var library = MustacheLibrary()
            for (name, text) in texts { library.register(try Theme.mustacheTemplate(text), named: name) }
            compiled = Theme(library: library, compiled: CompiledTemplates(texts), assets: [:])
            mustache = Theme(library: library, compiled: CompiledTemplates([:]), assets: [:])
        }

        var fallbacks: [String: String] { compiled.compiled.fallbacks }

        /// `name` rendered by swift-mustache and compiled; models name fields they lack. Compared
        /// as bytes: strings would compare equal when merely canonically equivalent.
        func render(_ name: String, _ model: TemplateValue) -> (mustache: Data, compiled: Data) {
            TemplateAuditLock.holding { (mustache.render(name, root: model), compiled.render(name, root: model)) }
        }
    }

    @Test("Random templates of the compiled grammar render to swift-mustache's bytes")
    func randomTemplates() throws {
        var generator = TemplateGenerator(random: SeededRandom(seed: 0x7E3F_1A2B))
        let cases = 3000
        var rejected = 0, compared = 0, failures = 0
        for index in 0..<cases where failures < 3 {
            let texts = generator.templates()
            let model = generator.model()
            // A text swift-mustache rejects is no case (the generator avoids those: see its texts).
            guard let renderers = try? Renderers(texts) else {
                rejected += 1
                continue
            }
            #expect(renderers.fallbacks.isEmpty, "case \(index): not compiled \(renderers.fallbacks) in \(String(reflecting: texts))")
            for name in TemplateGenerator.names {
                let (expected, actual) = renderers.render(name, model)
                compared += 1
                if actual != expected {
                    failures += 1
                    Issue.record("""
                        case \(index), template \(name)
                        templates: \(String(reflecting: texts))
                        model: \(model)
                        swift-mustache: \(String(reflecting: String(decoding: expected, as: UTF8.self)))
                        compiled:       \(String(reflecting: String(decoding: actual, as: UTF8.self)))
                        """)
                    break
                }
            }
        }
        #expect(rejected < cases / 5, "swift-mustache rejected \(rejected) of \(cases) generated cases")
        #expect(failures > 0 || compared > cases * 3, "compared \(compared) renders")
    }

    static let quirksModel = TemplateValue.object([
        "text": .string("<b>&\"'\u{301}"), "list": .array([.string("a"), .int(1), .bool(false), .null, .double(0.1)]),
        "list0": .array([]), "n": .int(7), "zero": .int(0), "emptyText": .string(""), "nothing": .null, "no": .bool(false),
        "obj": .object(["x": .string("y"), "inner": .object(["x": .double(2.5)])]), "a": .bool(true), "K": .string("kelvin"),
        "lines": .string("one\ntwo"),
    ])

    /// swift-mustache's own rules where they are not the Mustache specification's, each compiled and rendered the same.
    @Test("swift-mustache's whitespace rules and quirks are kept", arguments: [
        // A standalone partial's lines are indented, and its indentation is written even when the partial writes nothing.
        ["page": "<ul>\n  {{> item}}\n  {{> none}}\n</ul>\n", "item": "<li>\n{{text}}\n</li>\n", "none": "{{#no}}x{{/no}}"],
        // After `\r\n` no indentation is added: the line's last character is `\r\n`, not `\n`.
        ["page": "  {{> item}}\r\n  {{> item}}\n", "item": "a\r\nb\nc\n"],
        // A value's own line breaks are not indented; the pieces after them are.
        ["page": "{{#list}}\n    {{> item}}\n{{/list}}\n", "item": "{{lines}}\n[{{.}}]\n"],
        // `{{<parent}}` after blanks, though not alone on its line, indents the parent's lines.
        ["page": "  {{<layout}}{{$main}}over\nride{{/main}}{{/layout}}", "layout": "a\n{{$main}}\nb\n{{/main}}\nc\n"],
        // A block's first line sets the indentation taken off its other lines; the expansion's own is added.
        ["page": "{{<layout}}\n  {{$main}}\n    one\n      two\n   three\n  {{/main}}\n{{/layout}}\n",
         "layout": "<main>\n    {{$main}}{{/main}}\n</main>\n"],
        // A parent inside a block definition: its own blocks' indentation counted from the outer block's first line.
        ["page": "{{<layout}}\n  {{$main}}\n    {{<box}}\n      {{$inner}}\n        deep\n       er\n      {{/inner}}\n    {{/box}}\n"
            + "    {{> item}}\n  {{/main}}\n{{/layout}}\n",
         "layout": "<main>\n  {{$main}}{{/main}}\n</main>\n", "box": "<div>\n  {{$inner}}{{/inner}}\n</div>\n", "item": "a\nb\n"],
        // The outermost override wins over a parent's own override of the same block.
        ["page": "{{<middle}}{{$main}}page{{/main}}{{/middle}}", "middle": "{{<layout}}{{$main}}middle{{/main}}{{/layout}}",
         "layout": "[{{$main}}layout{{/main}}]"],
        // Whether a closing tag stood alone is forgotten: the next tag is judged by the opening one's line.
        ["page": "{{#a}}\n{{/a}}{{#list}}\nx\n{{/list}}\n{{#a}}x{{/a}}  {{#a}}\ny\n{{/a}}\n"],
        // Blanks at the very end are dropped, and a tag followed by blanks at the end is not alone on its line.
        ["page": "a {{! c }}  \n  {{! c }}\nb\n  {{#a}}  "  + "{{/a}}\n   "],
        // `{{` right before a line break is no tag: it is dropped and the break kept.
        ["page": "a{{\nb{{\u{2028}c{{\u{0C}d"],
        // A lone `\r` ends a standalone tag's line, though text is cut at `\n` only.
        ["page": "x\n{{#a}}\r{{text}}\r\n{{/a}}\r"],
        // empty(…) of a list, of a missing name, of a string and of a number; nested, and as a value.
        ["page": "{{^empty(list)}}{{#list}}{{.}},{{/list}}{{/empty(list)}}{{^empty(none)}}x{{/empty(none)}}"
            + "{{empty(text)}}{{empty(emptyText)}}{{#empty(n)}}n{{/empty(n)}}{{^empty(n)}}m{{/empty(n)}}{{empty(empty(list))}}"],
        // What is true in a section: any number, any string, an object; false, null, an empty list are not.
        ["page": "{{#n}}{{.}}{{/n}}{{#zero}}[zero]{{/zero}}{{#emptyText}}[empty]{{/emptyText}}{{^nothing}}[null]{{/nothing}}"
            + "{{^no}}[false]{{/no}}{{#obj}}{{x}}{{inner.x}}{{/obj}}{{^list0}}{{.}}{{/list0}}{{#list0}}never{{/list0}}"],
        // Printing a list, an object, a number and the page itself; dotted and current-value names.
        ["page": "{{list}}|{{{list}}}|{{obj.inner}}|{{zero}}|{{n.x}}|{{#obj}}{{.x}}{{.text}}{{text}}{{/obj}}|{{obj..x}}|{{}}"],
        // Names are compared as Swift compares strings: the Kelvin sign is the letter K.
        ["page": "{{\u{212A}}}{{#list}}{{\u{212A}}}{{/list}}"],
        // A partial included inside a list, with a block in it, and a comment spanning lines.
        ["page": "{{#list}}{{> item}}{{/list}}\n{{!\n  comment\n}}\n", "item": "{{#a}}{{$x}}<{{.}}>{{/x}}{{/a}}"],
    ])
    func quirks(_ texts: [String: String]) throws {
        let renderers = try Renderers(texts)
        #expect(renderers.fallbacks.isEmpty)
        let (expected, actual) = renderers.render("page", Self.quirksModel)
        #expect(actual == expected, "\(String(reflecting: String(decoding: actual, as: UTF8.self)))")
    }

    @Test("Every template of the default theme is compiled, and the demo site's every file is as swift-mustache renders it")
    func demoSite() throws {
        let folder = SiteFixture.repository.appendingPathComponent("themes/default")
        let theme = try Theme.load(folder, displayPath: "themes/default")
        let templates = FileList.files(under: folder.appendingPathComponent("templates")).filter { $0.hasSuffix(".mustache") }
        #expect(theme.compiled.fallbacks.isEmpty)
        #expect(theme.compiled.templates.count == templates.count)

        var outputs: [[String: Data]] = []
        for rendering in [Theme.Rendering.compiled, .mustache] {
            let site = try SiteFixture()
            defer { site.cleanUp() }
            try FileManager.default.copyItem(at: SiteFixture.repository.appendingPathComponent("content"), to: site.url("content"))
            var builder = SiteBuilder(paths: site.paths)
            builder.templateRendering = rendering
            _ = try builder.build()
            // The build record holds the times the files were written.
            let files = FileList.files(under: site.url("public")).filter { $0 != BuildRecord.fileName }
            outputs.append(try Dictionary(uniqueKeysWithValues: files.map { ($0, try Data(contentsOf: site.url("public/" + $0))) }))
        }
        let (compiled, mustache) = (outputs[0], outputs[1])
        #expect(compiled.keys.filter { $0.hasSuffix(".html") }.count > 50)
        #expect(compiled.keys.sorted() == mustache.keys.sorted())
        let differing = compiled.keys.filter { compiled[$0] != mustache[$0] }.sorted()
        #expect(differing.isEmpty, "\(differing.count) files differ between the two renderers: \(differing.prefix(10))")
    }

    struct Model: Encodable {
        var text: String
        var items: [String]
        var which: String
    }

    @Test("A template using what only swift-mustache renders is rendered by it, as is every template including it")
    func fallback() throws {
        let texts = [
            "delimiters": "{{=<% %>=}}<% text %>|<%={{ }}=%>{{text}}",
            "reversed": "{{#reversed(items)}}{{.}}{{/reversed(items)}}",
            "position": "{{#items}}{{#first()}}[{{/first()}}{{.}}{{/items}}",
            "dynamic": "{{>*which}}",
            "text": "{{% CONTENT_TYPE: TEXT }}\n{{text}}",
            "missing": "<{{> nowhere}}>",
            "page": "<main>\n  {{> delimiters}}\n</main>\n",
            "parent": "{{<page}}{{/page}}",
            "plain": "{{text}}",
        ]
        let renderers = try Renderers(texts)
        #expect(renderers.fallbacks == [
            "delimiters": "a set delimiter {{=…=}}",
            "reversed": "the transform reversed(…)",
            "position": "the transform first(…)",
            "dynamic": "a dynamic partial {{>*name}}",
            "text": "the pragma CONTENT_TYPE: TEXT",
            "missing": "the partial nowhere (no such template)",
            "page": "the partial delimiters",
            "parent": "the partial page",
        ])
        #expect(Array(renderers.compiled.compiled.templates.keys) == ["plain"])
        let model = Model(text: "<b>", items: ["x", "y"], which: "plain")
        let expected = [
            "delimiters": "&lt;b&gt;|&lt;b&gt;",
            "reversed": "yx",
            "position": "[xy",
            "dynamic": "&lt;b&gt;",
            "text": "<b>",
            "missing": "<>",
            "page": "<main>\n  &lt;b&gt;|&lt;b&gt;</main>\n",
            "parent": "<main>\n  &lt;b&gt;|&lt;b&gt;</main>\n",
            "plain": "&lt;b&gt;",
        ]
        for (name, output) in expected {
            #expect(try renderers.compiled.render(name, model) == Data(output.utf8), "\(name)")
            // As before the compiled renderer: swift-mustache over the model as a dictionary.
            let before = renderers.compiled.library.render(["text": model.text, "items": model.items, "which": model.which] as [String: Any],
                                                            withTemplate: name)
            #expect(before == output, "\(name)")
        }
    }
}
