import Foundation
import Mustache

/// A theme folder: Mustache templates under `templates/` (layouts with inheritance and partials)
/// and files under `static/` copied to the output as they are.
public struct Theme: Sendable {
    public let library: MustacheLibrary
    /// Static files by output path (`assets/site.css`).
    public let assets: [String: Data]

    public static func load(_ directory: URL, displayPath: String) throws -> Theme {
        let fm = FileManager.default
        let templates = directory.appendingPathComponent("templates")
        guard fm.fileExists(atPath: templates.path) else {
            throw InputErrors([InputError(path: displayPath + "/templates", line: 0,
                "主题缺少 templates 文件夹 (theme has no templates)；请用 --themes 指定主题所在文件夹")])
        }
        var library = MustacheLibrary()
        var errors = ErrorLog()
        for path in FolderListing.files(under: templates) where path.hasSuffix(".mustache") {
            let name = String(path.dropLast(".mustache".count))
            let text = (try? String(contentsOf: templates.appendingPathComponent(path), encoding: .utf8)) ?? ""
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                errors.add(displayPath + "/templates/" + path, error.context.lineNumber,
                           "模板语法错误 (template syntax): \(error.error)")
            } catch {
                errors.add(displayPath + "/templates/" + path, 0, "模板语法错误 (template syntax): \(error)")
            }
        }
        if !errors.isEmpty { throw InputErrors(errors.errors) }
        var assets: [String: Data] = [:]
        let statics = directory.appendingPathComponent("static")
        for path in FolderListing.files(under: statics) {
            assets[path] = fm.contents(atPath: statics.appendingPathComponent(path).path)
        }
        return Theme(library: library, assets: assets)
    }

    /// Renders a template; a missing template is a theme error, not an empty page.
    public func render(_ name: String, _ model: Any) throws -> String {
        guard library.getTemplate(named: name) != nil else {
            throw InputErrors([InputError(path: "templates/\(name).mustache", line: 0, "主题缺少模板 \(name).mustache")])
        }
        return library.render(model, withTemplate: name) ?? ""
    }
}
