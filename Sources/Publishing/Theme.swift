import Foundation
import Mustache
import Diagnostics
import SafePaths

/// A theme folder: Mustache templates under `templates/` (layouts with inheritance and partials)
/// and files under `static/` copied to the output as they are.
public struct Theme: Sendable {
    public let library: MustacheLibrary
    /// The templates rendered by `TemplateRenderer`; the rest by swift-mustache, from `library`.
    let compiled: CompiledTemplates
    /// Static files by output path (`assets/site.css`).
    public let assets: [String: Data]

    /// Which renderer renders the templates.
    package enum Rendering: Sendable {
        /// `TemplateRenderer` wherever it gives swift-mustache's output; swift-mustache for the rest.
        case compiled
        /// swift-mustache for every template, to compare the two.
        case mustache
    }

    public static func load(_ directory: URL, displayPath: String) throws -> Theme {
        try load(directory, displayPath: displayPath, rendering: .compiled)
    }

    /// Every template is parsed by swift-mustache, which reports syntax errors at the template's
    /// own lines; those it accepts are compiled for `TemplateRenderer` as well.
    package static func load(_ directory: URL, displayPath: String, rendering: Rendering) throws -> Theme {
        let theme = try SourceFolder.open(directory, displayPath: displayPath)
        guard let theme, try theme.kind(of: "templates") == .folder else {
            throw InputErrors([InputError(path: displayPath + "/templates", line: 0,
                "主题缺少 templates 文件夹 (theme has no templates)；请用 --themes 指定主题所在文件夹")])
        }
        var library = MustacheLibrary()
        var texts: [String: String] = [:]
        var errors = ErrorLog()
        for path in errors.attempt({ try theme.files(under: "templates") }) ?? [] where path.hasSuffix(".mustache") {
            let name = String(path.dropLast(".mustache".count))
            let shown = displayPath + "/templates/" + path
            guard let data = errors.attempt({ try theme.data("templates/" + path) }) else { continue }
            guard let text = String(validating: data, as: UTF8.self) else {
                errors.add(shown, 0, "模板不是 UTF-8 编码 (not UTF-8)；请另存为 UTF-8")
                continue
            }
            do {
                library.register(try mustacheTemplate(text), named: name)
                texts[name] = text
            } catch let error as MustacheTemplate.ParserError {
                // The line the pragma takes is not the file's.
                errors.add(shown, max(1, error.context.lineNumber - 1), "模板语法错误 (template syntax): \(error.error)")
            } catch {
                errors.add(shown, 0, "模板语法错误 (template syntax): \(error)")
            }
        }
        var assets: [String: Data] = [:]
        for path in errors.attempt({ try theme.files(under: "static") }) ?? [] {
            if let data = errors.attempt({ try theme.data("static/" + path) }) { assets[path] = data }
        }
        if !errors.isEmpty { throw InputErrors(errors.errors) }
        return Theme(library: library, compiled: CompiledTemplates(rendering == .compiled ? texts : [:]), assets: assets)
    }

    /// A template as swift-mustache parses it: after the line that sets `HTMLText` escaping.
    static func mustacheTemplate(_ text: String) throws -> MustacheTemplate {
        try MustacheTemplate(string: HTMLText.pragma + text)
    }

    /// Renders a template into the page's bytes; a missing template is a theme error, not an empty page.
    /// The model reaches the template as `TemplateEncoder` encodes it: every stored property by its name.
    func render(_ name: String, _ model: some Encodable) throws -> Data {
        guard library.getTemplate(named: name) != nil else {
            throw InputErrors([InputError(path: "templates/\(name).mustache", line: 0, "主题缺少模板 \(name).mustache")])
        }
        return render(name, root: try TemplateEncoder.encode(model))
    }

    /// Renders an encoded model, by `TemplateRenderer` when the template is compiled.
    func render(_ name: String, root: TemplateValue) -> Data {
        if let nodes = compiled.templates[name] {
            return Data(TemplateRenderer.render(nodes, root, templates: compiled.templates))
        }
        return Data((library.render(root.mustacheTree(isRoot: true), withTemplate: name) ?? "").utf8)
    }
}

/// How `{{value}}` is escaped in every template: by `XMLEscaping`, on UTF-8 bytes. Each template
/// is parsed with a first line naming this content type, a standalone tag that writes nothing;
/// swift-mustache's own HTML escaping compares whole characters (so a quote with a combining
/// mark after it went through unescaped) and took a tenth of a national site's build.
struct HTMLText: MustacheContentType {
    static let name = "QCSITE_HTML"
    static var pragma: String {
        _ = registered
        return "{{% CONTENT_TYPE: \(name) }}\n"
    }

    private static let registered: Void = MustacheContentTypes.register(HTMLText(), named: name)

    func escapeText(_ text: String) -> String {
        XMLEscaping.escape(text)
    }
}
