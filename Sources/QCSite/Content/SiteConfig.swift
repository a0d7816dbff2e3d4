import Foundation

/// `site.yaml`: the site's title, address, organisers and what it publishes.
public struct SiteConfig: Sendable, Equatable {
    /// Which achievements of result-published years get public pages.
    public enum ArchivePolicy: String, Sendable { case shortlisted, awarded, all }

    public var title = "QC小组成果竞赛"
    public var subtitle = ""
    public var baseURL = "/"
    public var organisers: [String] = []
    public var contact: [(key: String, value: String)] = []
    public var archivePublish: ArchivePolicy = .shortlisted
    public var publishScores = false
    public var markdownRawHTML = false
    public var footer = ""
    /// Pages (`pages/<name>.md`) linked from the main navigation, after the sections.
    public var navPages: [PageLink] = []
    /// Pages linked from every page's footer.
    public var footerPages: [PageLink] = []
    /// The site's ICP filing number (ICP备案号), shown in the footer with a link to the register.
    public var icp = ""

    /// A page named in site.yaml, with where it was named, so an unknown page is an error at that line.
    public struct PageLink: Sendable, Equatable {
        public var page: String
        public var path: String
        public var line: Int
    }

    public init() {}

    public static func == (a: SiteConfig, b: SiteConfig) -> Bool {
        a.title == b.title && a.subtitle == b.subtitle && a.baseURL == b.baseURL && a.organisers == b.organisers
            && a.contact.map(\.key) == b.contact.map(\.key) && a.contact.map(\.value) == b.contact.map(\.value)
            && a.archivePublish == b.archivePublish && a.publishScores == b.publishScores
            && a.markdownRawHTML == b.markdownRawHTML && a.footer == b.footer
            && a.navPages == b.navPages && a.footerPages == b.footerPages && a.icp == b.icp
    }

    static func read(_ yaml: YAMLValue) throws -> SiteConfig {
        var config = SiteConfig()
        var log = ErrorLog()
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
                guard let policy = ArchivePolicy(rawValue: try v.requireString()) else {
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

    /// `[about, rules]`: page names as in `pages/<name>.md`.
    static func pageLinks(_ value: YAMLValue) throws -> [PageLink] {
        guard let items = value.items else { throw value.error("应为页面名的列表，如 [about, rules]（pages/about.md、pages/rules.md）") }
        return try items.map { PageLink(page: try $0.requireString(), path: $0.path, line: $0.line) }
    }
}
