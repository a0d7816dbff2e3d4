import Foundation

/// `site.yaml`: the site's title, address, organisers and what it publishes.
public struct SiteConfig: Sendable, Equatable {
    /// Which achievements of result-published years get public pages.
    public enum ArchivePolicy: String, Sendable, Encodable { case shortlisted, awarded, all }

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

        public init(page: String, path: String, line: Int) {
            self.page = page
            self.path = path
            self.line = line
        }
    }

    public init() {}

    public static func == (a: SiteConfig, b: SiteConfig) -> Bool {
        a.title == b.title && a.subtitle == b.subtitle && a.baseURL == b.baseURL && a.organisers == b.organisers
            && a.contact.map(\.key) == b.contact.map(\.key) && a.contact.map(\.value) == b.contact.map(\.value)
            && a.archivePublish == b.archivePublish && a.publishScores == b.publishScores
            && a.markdownRawHTML == b.markdownRawHTML && a.footer == b.footer
            && a.navPages == b.navPages && a.footerPages == b.footerPages && a.icp == b.icp
    }
}
