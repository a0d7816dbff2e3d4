import Foundation
import SiteSettings
import TextKeys
import Diagnostics

/// `site.yaml` read into the settings, every problem at its line.
extension SiteConfig {
    static func read(_ yaml: YAMLValue) throws -> SiteConfig {
        var config = SiteConfig()
        var log = ErrorLog()
        for key in yaml.entries?.map(\.key) ?? [] where !keys.contains(key) {
            log.add(yaml[key]!.error("未知的键「\(key)」（可能拼错了）；site.yaml 可用的键为 \(keys.joined(separator: "、"))"))
        }
        if let v = yaml["title"] { log.attempt { config.title = try v.requireString() } }
        if let v = yaml["subtitle"] { config.subtitle = v.string ?? "" }
        if let v = yaml["base_url"] { log.attempt { config.baseURL = try v.requireString() } }
        if let v = yaml["organisers"] { log.attempt { config.organisers = try v.requireStrings() } }
        if let v = yaml["contact"] {
            if let entries = v.entries {
                config.contact = entries.compactMap { entry in entry.value.string.map { (entry.key, $0) } }
            } else if let text = v.string {
                config.contact = [("contact", text)]
            }
        }
        if let v = yaml["archive_publish"] {
            log.attempt {
                guard let policy = SiteConfig.ArchivePolicy(rawValue: try v.requireString()) else {
                    throw v.error("archive_publish 应为 shortlisted、awarded 或 all")
                }
                config.archivePublish = policy
            }
        }
        if let v = yaml["publish_scores"] { log.attempt { config.publishScores = try v.requireBool() } }
        if let v = yaml["markdown_raw_html"] { log.attempt { config.markdownRawHTML = try v.requireBool() } }
        if let v = yaml["footer"] { config.footer = v.string ?? "" }
        if let v = yaml["nav_pages"] { log.attempt { config.navPages = try pageLinks(v) } }
        if let v = yaml["footer_pages"] { log.attempt { config.footerPages = try pageLinks(v) } }
        if let v = yaml["icp"] { config.icp = v.string.map(TextNormalization.trimmed) ?? "" }
        if !log.isEmpty { throw log.thrown }
        return config
    }

    /// The keys of site.yaml; any other is a typo to report, not a setting to ignore.
    static let keys = ["title", "subtitle", "base_url", "organisers", "contact", "archive_publish", "publish_scores",
                       "markdown_raw_html", "footer", "nav_pages", "footer_pages", "icp"]

    /// `[about, rules]`: page names as in `pages/<name>.md`.
    static func pageLinks(_ value: YAMLValue) throws -> [SiteConfig.PageLink] {
        guard let items = value.items else { throw value.error("应为页面名的列表，如 [about, rules]（pages/about.md、pages/rules.md）") }
        return try items.map { SiteConfig.PageLink(page: try $0.requireString(), path: $0.path, line: $0.line) }
    }
}
