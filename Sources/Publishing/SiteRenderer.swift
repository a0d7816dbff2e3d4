import Foundation
import Disclosure
import Diagnostics
import SiteSettings
import Parallelism

/// Renders the public site from the archive through the theme, into files by output path.
/// The site is a list of sections; each renders its pages from the shared render context.
public struct SiteRenderer {
    let context: RenderContext

    /// `record` is all the site shows: the archive as the public may see it. `renderKey` stands for
    /// every input of a page besides the record (the theme, site.yaml, the base address, qcsite
    /// itself): pages are keyed by it and by their own part of the record. `dataKey` is the same
    /// but the theme: the search documents are keyed by it.
    public init(config: SiteConfig, urls: SiteURLs, theme: Theme, record: PublicRecord, contentDirectory: URL,
                renderKey: String = "", dataKey: String = "") {
        context = RenderContext(config: config, urls: urls, theme: theme, record: record, contentDirectory: contentDirectory,
                                renderKey: renderKey, dataKey: dataKey)
    }

    /// The sections of the site, in the order their files are gathered; the feed follows them,
    /// since its sitemap lists every page they render.
    static let sections: [any SiteSection] = [
        AssetSection(), HomeSection(), NoticeSection(), YearSection(), ShortlistSection(), ResultsSection(),
        AchievementSection(), EnterpriseSection(), ArchiveSection(), MarkdownPageSection(), SearchSection(),
        NotFoundSection(),
    ]

    /// Every output file by path relative to the output folder.
    ///
    /// The sections render on every core at once, each into files of its own, which are then
    /// gathered in the sections' order: a section's failure and a path written twice are
    /// reported in that order, the same on every run. The feed renders last, from all the
    /// others' files, since its sitemap lists their pages.
    public func render() throws -> [String: Data] {
        try render(previous: PreviousOutput()).files
    }

    /// The site, leaving out the pages whose inputs have the key `previous` gives for their path:
    /// the output already holds those pages as they would be rendered now.
    public func render(previous: PreviousOutput) throws -> RenderedSite {
        try context.checkPageLinks()
        // A first build makes every achievement page and search document: they share each
        // write-up's conversion. A rebuild makes few of either, not always of the same write-ups.
        var base = context
        base.convertedWriteups = ConvertedWriteups(shared: previous.keys.isEmpty)
        let filled = try base.fillingNoticeLists()
        let sections = Self.sections
        @Sendable func rendered(_ index: Int, _ context: RenderContext) -> Result<OutputFiles, any Error> {
            Result { () throws -> OutputFiles in
                var files = OutputFiles(previous: previous)
                let section = sections[index]
                guard section.keyedByOutline, var key = context.outline else {
                    try section.render(into: &files, context)
                    return files
                }
                key.add(section.name)
                if files.keep(section: section.name, key: key.value) { return files }
                try section.render(into: &files, context)
                files.mark(section: section.name, key: key.value, paths: files.paths)
                return files
            }
        }
        // The longest sections (the search index, much of it one thread's work, and the
        // achievement pages) begin at once, each on a thread of its own; the others render one
        // after another on this one. Every section makes its pages on every core: a parallel map
        // inside a parallel map gets one core, so the sections are not mapped themselves.
        // Those that read no outline begin before it is keyed.
        let ahead = Arrivals<Result<OutputFiles, any Error>>()
        var aheadSections: [Int: Int] = [:]
        for index in sections.indices where sections[index].startsFirst && !sections[index].readsOutline {
            aheadSections[ahead.start { rendered(index, filled) }] = index
        }
        // The key of what the sections that show no write-up are made from (and, with the
        // write-ups, the achievement pages). Only when the output holds pages of a last build
        // to compare with: a first build would key the whole record for nothing.
        var context = filled
        if !previous.keys.isEmpty { context.outline = try filled.outlineKey() }
        let outlined = context
        for index in sections.indices where sections[index].startsFirst && sections[index].readsOutline {
            aheadSections[ahead.start { rendered(index, outlined) }] = index
        }
        var inOrder = [Result<OutputFiles, any Error>?](repeating: nil, count: sections.count)
        for index in sections.indices where !sections[index].startsFirst { inOrder[index] = rendered(index, outlined) }
        // The sections begun first end in no set order (the search index last on most builds,
        // the achievement pages after a theme change): each is gathered into the others' files
        // as it ends, with its pages' sitemap lines, so that only the last one's are left to
        // gather when it ends. When a section failed or two share a path, the files are merged
        // in the sections' order instead, once all ended, so that the same error is reported
        // every time.
        var gathered: Gathered? = Gathered(previous: previous, urls: context.urls)
        for part in inOrder.compactMap({ $0 }) where gathered?.add(part) == false { gathered = nil }
        while let (arrival, part) = ahead.next() {
            inOrder[aheadSections[arrival]!] = part
            if gathered?.add(part) == false { gathered = nil }
        }
        var files: OutputFiles, sitemap: FeedSection.Sitemap
        if let gathered {
            (files, sitemap) = (gathered.files, gathered.sitemap)
        } else {
            // Each section's files in path order, the sections in theirs (`add(contentsOf:)`).
            files = OutputFiles(previous: previous)
            for part in inOrder { try files.add(contentsOf: part!.get()) }
            sitemap = FeedSection.Sitemap(paths: files.paths, urls: context.urls)
        }
        try FeedSection.render(into: &files, context, sitemap: sitemap)
        var site = RenderedSite(files: files.files, kept: files.kept, keys: files.keys)
        (site.sections, site.sectionKeys) = (files.sections, files.sectionKeys)
        return site
    }
}

/// One part of the site (home, notices, years, …).
protocol SiteSection: Sendable {
    func render(into files: inout OutputFiles, _ context: RenderContext) throws
    /// Whether the section is among the longest to render, begun before the others.
    var startsFirst: Bool { get }
    /// Whether every file of the section is keyed, and made from the render key and the record's
    /// outline alone (no write-up's text, no content file): while neither changed since the last
    /// build, the section is not rendered at all, and its pages are kept as that build recorded
    /// them (`OutputFiles.keep(section:key:)`).
    var keyedByOutline: Bool { get }
    /// Whether the section reads `RenderContext.outline` (every section kept whole does).
    var readsOutline: Bool { get }
}

extension SiteSection {
    var startsFirst: Bool { false }
    var keyedByOutline: Bool { false }
    var readsOutline: Bool { keyedByOutline }
    /// Its name in the build record.
    var name: String { String(describing: Self.self) }
}

/// The files of the sections that ended, gathered as each ends, with the sitemap's lines of
/// their pages (`SiteRenderer.render(previous:)`).
private struct Gathered {
    private(set) var files: OutputFiles
    private(set) var sitemap = FeedSection.Sitemap()
    let urls: SiteURLs

    init(previous: PreviousOutput, urls: SiteURLs) {
        files = OutputFiles(previous: previous)
        self.urls = urls
    }

    /// Adds a section's files, the larger of the two taken as they are; false when the section
    /// failed or one of its paths is one of these (some of its files then added).
    mutating func add(_ part: Result<OutputFiles, any Error>) -> Bool {
        guard case .success(var other) = part else { return false }
        sitemap.merge(FeedSection.Sitemap(paths: other.paths, urls: urls))
        if other.count > files.count { swap(&files, &other) }
        return files.absorb(other)
    }
}

/// The files of a render by output path. A path written twice means two things of the content
/// or the theme want one address (a page named like a section, a static file named like a
/// generated one): an error for staff to fix, never a crash.
struct OutputFiles {
    private(set) var files: [String: Data] = [:]
    private(set) var kept: Set<String> = []
    private(set) var keys: [String: String] = [:]
    /// By path, the part of the site kept whole its page came from; by part, the key it was made
    /// with (`RenderedSite.sections`).
    private(set) var sections: [String: String] = [:]
    private(set) var sectionKeys: [String: String] = [:]
    /// The files the output holds as the last build wrote them, with their keys.
    let previous: PreviousOutput

    init(previous: PreviousOutput = PreviousOutput()) {
        self.previous = previous
    }

    /// Every path of the site so far, kept pages included, and how many there are.
    var paths: [String] { Array(files.keys) + kept }
    var count: Int { files.count + kept.count }

    /// A keyed page: `data` nil means the output already holds it (its key is the previous one).
    mutating func add(_ path: String, key: String, _ data: Data?) throws {
        try claim(path)
        keys[path] = key
        if let data { files[path] = data } else { kept.insert(path) }
    }

    /// A section's pages as the last build recorded them, when it recorded the section with `key`
    /// and every page of it is still intact; false (nothing added) otherwise.
    mutating func keep(section: String, key: String) -> Bool {
        guard let last = previous.sections[section], last.key == key, !last.paths.isEmpty,
              last.paths.allSatisfy({ previous[$0] != nil }) else { return false }
        for path in last.paths {
            keys[path] = previous[path]
            kept.insert(path)
            sections[path] = section
        }
        sectionKeys[section] = key
        return true
    }

    /// Marks `paths` as the pages of `section` (a section, or a part of one), made with `key`: the
    /// next build may keep them whole. Not when any of them is unkeyed (it could not be kept).
    mutating func mark(section: String, key: String, paths: [String]) {
        guard paths.allSatisfy({ keys[$0] != nil }) else { return }
        for path in paths { sections[path] = section }
        sectionKeys[section] = key
    }

    /// Data keyed by its bytes (`ContentName`): kept when the output holds it as it is.
    mutating func addKeyedData(_ path: String, _ data: Data) throws {
        let key = ContentName.of(data)
        try add(path, key: key, previous[path] == key ? nil : data)
    }

    /// A page rendered only when the output does not already hold it (`RenderContext.keyedPage`).
    mutating func addPage<C: Encodable>(_ path: String, _ context: RenderContext, _ template: String, _ page: PageModel,
                                        _ content: C) throws {
        let file = SitePath.file(path)
        let (key, data) = try context.keyedPage(template, page, content, previous: previous[file])
        try add(file, key: key, data)
    }

    mutating func add(_ path: String, _ data: Data) throws {
        try claim(path)
        files[path] = data
    }

    private func claim(_ path: String) throws {
        guard files[path] == nil && !kept.contains(path) else {
            throw InputError(path: path, line: 0, "网站中有两个页面或文件都要写到 \(path)（two outputs share one path）："
                + "pages/ 中的页面不能与栏目或年度同名（如 pages/notices.md、pages/2024.md），"
                + "主题 static/ 中的文件不能与生成的文件同名；请改名其中一个")
        }
    }

    /// Adds another section's files, in no order; false, with some of them added, as soon as one
    /// of its paths is one of these (`Gathered`; `add(contentsOf:)` then reports the clash).
    mutating func absorb(_ other: OutputFiles) -> Bool {
        files.reserveCapacity(files.count + other.files.count)
        kept.reserveCapacity(kept.count + other.kept.count)
        keys.reserveCapacity(keys.count + other.keys.count)
        for (path, data) in other.files {
            guard files.updateValue(data, forKey: path) == nil, !kept.contains(path) else { return false }
        }
        for path in other.kept {
            guard files[path] == nil, kept.insert(path).inserted else { return false }
        }
        keys.merge(other.keys) { a, _ in a }
        sections.merge(other.sections) { a, _ in a }
        sectionKeys.merge(other.sectionKeys) { a, _ in a }
        return true
    }

    /// Another section's files, in path order so that the same clash is reported every time.
    mutating func add(contentsOf other: OutputFiles) throws {
        for path in other.paths.sorted() {
            try claim(path)
            if let data = other.files[path] { files[path] = data } else { kept.insert(path) }
            if let key = other.keys[path] { keys[path] = key }
            if let section = other.sections[path] { sections[path] = section }
        }
        sectionKeys.merge(other.sectionKeys) { a, _ in a }
    }

    mutating func add(_ path: String, text: String) throws {
        try add(path, Data(text.utf8))
    }
}
