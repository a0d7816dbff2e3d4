import Foundation
import Testing
@testable import Publishing
@testable import SiteBuild

/// Templates see a model's fields one way — its stored properties, as `TemplateEncoder` encodes
/// them — and a template that names a field no model gives is a failing test, not a blank.
@Suite("Template fields", .serialized)
struct TemplateFieldsTests {
    /// Every `{{name}}`, `{{#name}}`, `{{^name}}`, `{{{name}}}` and `{{&name}}` of a template,
    /// each dotted part on its own.
    static func names(in template: String) -> Set<String> {
        let tag = try! NSRegularExpression(pattern: #"\{\{\{?[#^&]?\s*([A-Za-z_][\w.]*)\s*\}?\}\}"#)
        let range = NSRange(template.startIndex..., in: template)
        return Set(tag.matches(in: template, range: range).flatMap { match in
            template[Range(match.range(at: 1), in: template)!].split(separator: ".").map(String.init)
        })
    }

    /// Builds the site in `root` with the audit on; the names roots missed and every name given.
    static func audit(_ site: SiteFixture) throws -> (missed: [String], given: Set<String>) {
        try TemplateAuditLock.holding {
            TemplateAudit.start()
            do {
                _ = try SiteBuilder(paths: site.paths).build()
            } catch {
                _ = TemplateAudit.stop()
                throw error
            }
            return TemplateAudit.stop()
        }
    }

    static func templates(_ theme: URL) throws -> [(String, String)] {
        let folder = theme.appendingPathComponent("default/templates")
        return try FileList.files(under: folder).map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    @Test("Every name the default theme's templates use is a field of a model, and no page looks one up in vain")
    func defaultTheme() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try FileManager.default.copyItem(at: SiteFixture.repository.appendingPathComponent("content"), to: site.url("content"))
        let (missed, given) = try Self.audit(site)
        #expect(missed.isEmpty, "templates name fields no model gives: \(missed)")
        for (path, text) in try Self.templates(site.url("themes")) {
            let unknown = Self.names(in: text).subtracting(given)
            #expect(unknown.isEmpty, "themes/default/templates/\(path) names \(unknown.sorted()), which no model gives")
        }
    }

    @Test("The compiled renderer records the names swift-mustache records: those the page's own object misses")
    func compiledRendererAudit() throws {
        let renderers = try TemplateRendererTests.Renderers([
            "page": "{{a}}{{#obj}}{{b}}{{x}}{{.c}}{{/obj}}{{#.}}{{d}}{{/.}}{{.e}}{{obj.f}}{{#list}}{{g}}{{/list}}"
                + "{{^empty(h)}}{{/empty(h)}}{{> part}}",
            "part": "{{i}}{{a}}",
        ])
        #expect(renderers.fallbacks.isEmpty)
        let model = TemplateValue.object(["obj": .object(["x": .int(1)]), "list": .array([.int(1), .int(2)])])
        let missed = TemplateAuditLock.holding {
            [renderers.compiled, renderers.mustache].map { theme in
                TemplateAudit.start()
                _ = theme.render("page", root: model)
                return TemplateAudit.stop().missed
            }
        }
        // Not c (looked up in obj alone) nor f (obj's field): only names no value up to the page's own had.
        #expect(missed[0] == ["a", "b", "d", "e", "g", "h", "i"])
        #expect(missed[1] == missed[0])
    }

    @Test("A template naming a field its model lacks is caught, top-level and dotted")
    func catchesMissingFields() throws {
        let site = try SiteFixture(SiteFixture.minimal(rows: []))
        defer { site.cleanUp() }
        let layout = site.url("themes/default/templates/404.mustache")
        let text = try String(contentsOf: layout, encoding: .utf8)
        try (text + "{{noSuchField}}{{page.titel}}").write(to: layout, atomically: true, encoding: .utf8)
        let (missed, given) = try Self.audit(site)
        #expect(missed == ["noSuchField"])
        #expect(!given.contains("titel") && Self.names(in: text + "{{page.titel}}").contains("titel"),
                "the dotted part is reported by the name check")
    }
}
