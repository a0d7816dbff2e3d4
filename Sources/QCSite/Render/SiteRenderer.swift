import Foundation
import Archive

/// Renders the public site from the archive through the theme, into files by output path.
/// The site is a list of sections; each renders its pages from the shared render context.
public struct SiteRenderer {
    let context: RenderContext

    public init(config: SiteConfig, urls: SiteURLs, theme: Theme, snapshot: ArchiveSnapshot,
                standings: [Int: YearStandings], contentDirectory: URL) {
        context = RenderContext(config: config, urls: urls, theme: theme,
                                record: PublicRecord(snapshot: snapshot, standings: standings,
                                                     policy: config.archivePublish, publishScores: config.publishScores),
                                contentDirectory: contentDirectory)
    }

    /// The sections of the site, in the order they render.
    static let sections: [any SiteSection] = [
        AssetSection(), HomeSection(), NoticeSection(), YearSection(), ShortlistSection(), ResultsSection(),
        AchievementSection(), EnterpriseSection(), ArchiveSection(), MarkdownPageSection(), SearchSection(),
        NotFoundSection(),
        FeedSection(),  // last: the sitemap lists every page rendered before it
    ]

    /// Every output file by path relative to the output folder.
    public func render() throws -> [String: Data] {
        var files = OutputFiles()
        for section in Self.sections {
            try section.render(into: &files, context)
        }
        return files.files
    }
}

/// One part of the site (home, notices, years, …).
protocol SiteSection: Sendable {
    func render(into files: inout OutputFiles, _ context: RenderContext) throws
}

/// The files of a render by output path; a path written twice is a bug in a section.
struct OutputFiles {
    private(set) var files: [String: Data] = [:]

    mutating func add(_ path: String, _ data: Data) {
        precondition(files[path] == nil, "two sections write \(path)")
        files[path] = data
    }

    mutating func add(_ path: String, text: String) {
        add(path, Data(text.utf8))
    }
}
