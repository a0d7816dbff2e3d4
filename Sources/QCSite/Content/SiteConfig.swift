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

    public init() {}

    public static func == (a: SiteConfig, b: SiteConfig) -> Bool {
        a.title == b.title && a.subtitle == b.subtitle && a.baseURL == b.baseURL && a.organisers == b.organisers
            && a.contact.map(\.key) == b.contact.map(\.key) && a.contact.map(\.value) == b.contact.map(\.value)
            && a.archivePublish == b.archivePublish && a.publishScores == b.publishScores
            && a.markdownRawHTML == b.markdownRawHTML && a.footer == b.footer
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
        if !log.isEmpty { throw log.thrown }
        return config
    }
}
