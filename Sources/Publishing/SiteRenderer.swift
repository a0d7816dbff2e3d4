import Foundation
import Disclosure
import Diagnostics
import SiteSettings

/// Renders the public site from the archive through the theme, into files by output path.
/// The site is a list of sections; each renders its pages from the shared render context.
public struct SiteRenderer {
    let context: RenderContext

    /// `record` is all the site shows: the archive as the public may see it.
    public init(config: SiteConfig, urls: SiteURLs, theme: Theme, record: PublicRecord, contentDirectory: URL) {
        context = RenderContext(config: config, urls: urls, theme: theme, record: record, contentDirectory: contentDirectory)
    }

    /// The sections of the site, in the order they render.
    static let sections: [any SiteSection] = [
        AssetSection(), HomeSection(), NoticeSection(), YearSection(), ShortlistSection(), ResultsSection(),
        AchievementSection(), EnterpriseSection(), ArchiveSection(), MarkdownPageSection(), SearchSection(),
        NotFoundSection(),
        FeedSection(),  // last: the sitemap lists every page rendered before it
    ]

    /// Every output file by path relative to the output folder.
    ///
    /// The sections render on every core at once, each into files of its own, which are then
    /// gathered in the sections' order: a section's failure and a path written twice are
    /// reported in that order, the same on every run. The feed renders last, from all the
    /// others' files, since its sitemap lists their pages.
    public func render() throws -> [String: Data] {
        try context.checkPageLinks()
        let independent = Self.sections.dropLast()
        let rendered = try Parallel.map(Array(independent)) { section in
            Result { () throws -> OutputFiles in
                var files = OutputFiles()
                try section.render(into: &files, context)
                return files
            }
        }
        var files = OutputFiles()
        for part in rendered {
            try files.add(contentsOf: try part.get())
        }
        try Self.sections.last!.render(into: &files, context)
        return files.files
    }
}

/// One part of the site (home, notices, years, …).
protocol SiteSection: Sendable {
    func render(into files: inout OutputFiles, _ context: RenderContext) throws
}

/// The files of a render by output path. A path written twice means two things of the content
/// or the theme want one address (a page named like a section, a static file named like a
/// generated one): an error for staff to fix, never a crash.
struct OutputFiles {
    private(set) var files: [String: Data] = [:]

    mutating func add(_ path: String, _ data: Data) throws {
        guard files[path] == nil else {
            throw InputError(path: path, line: 0, "网站中有两个页面或文件都要写到 \(path)（two outputs share one path）："
                + "pages/ 中的页面不能与栏目或年度同名（如 pages/notices.md、pages/2024.md），"
                + "主题 static/ 中的文件不能与生成的文件同名；请改名其中一个")
        }
        files[path] = data
    }

    /// Another section's files, in path order so that the same clash is reported every time.
    mutating func add(contentsOf other: OutputFiles) throws {
        for path in other.files.keys.sorted() { try add(path, other.files[path]!) }
    }

    mutating func add(_ path: String, text: String) throws {
        try add(path, Data(text.utf8))
    }
}
