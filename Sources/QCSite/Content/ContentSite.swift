import Foundation
import Archive

/// Everything read from a content folder, checked and ready for the archive.
public struct ContentSite: Sendable {
    public var site: SiteConfig
    public var registry: Registry
    public var writing: Writing
    public var years: [YearRecords]
    /// Years left out because their files are unchanged since they were archived.
    public var unchangedYears: [Int] = []
}

/// Reads a content folder: `site.yaml`, `enterprises.yaml`, notices, pages and every year.
/// All input errors of the folder are collected and thrown together.
public enum ContentReader {
    /// Part of every year's fingerprint: raise it when the way files are read changes,
    /// so that archived years are read again.
    static let formatVersion = "qcsite-content-1"

    /// - Parameters:
    ///   - directory: the content folder.
    ///   - displayPath: how error messages name that folder (as the user typed it).
    ///   - onlyYears: read just these years (nil: every year folder).
    ///   - archived: fingerprints of the archived years; a year whose files still match is left out.
    public static func read(_ directory: URL, displayPath: String = "content", onlyYears: Set<Int>? = nil,
                            archived: [Int: String] = [:]) throws -> ContentSite {
        var log = ErrorLog()
        let fm = FileManager.default
        func file(_ relative: String) -> (URL, String) {
            (directory.appendingPathComponent(relative), displayPath + "/" + relative)
        }
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
            throw InputErrors([InputError(path: displayPath, line: 0,
                "内容文件夹不存在 (no content folder)；请在站点文件夹中运行，或用 --content 指定")])
        }

        var site = SiteConfig()
        let (siteURL, sitePath) = file("site.yaml")
        if fm.fileExists(atPath: siteURL.path) {
            site = log.attempt { try SiteConfig.read(YAMLValue.read(siteURL, displayPath: sitePath)) } ?? site
        }

        let (registryURL, registryPath) = file("enterprises.yaml")
        var registry = Registry(enterprises: [], aliases: [])
        if fm.fileExists(atPath: registryURL.path) {
            registry = log.attempt { try RegistryReader.read(YAMLValue.read(registryURL, displayPath: registryPath)) } ?? registry
        } else {
            log.add(registryPath, 0, "缺少单位名录 enterprises.yaml (missing enterprise registry)")
        }
        let resolver = EnterpriseResolver(registry)

        let notices = readNotices(directory, displayPath: displayPath, log: &log)
        let pages = readPages(directory, displayPath: displayPath, log: &log)

        var years: [YearRecords] = []
        var unchanged: [Int] = []
        let yearsDir = directory.appendingPathComponent("years")
        let names = ((try? fm.contentsOfDirectory(atPath: yearsDir.path)) ?? []).sorted()
        for name in names {
            let url = yearsDir.appendingPathComponent(name)
            guard fm.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue else { continue }
            guard let year = Int(name), name.count == 4 else {
                log.add(displayPath + "/years/" + name, 0, "年度文件夹应以四位年份命名，如 years/2024")
                continue
            }
            if let onlyYears, !onlyYears.contains(year) { continue }
            let fingerprint = Fingerprint.of(folder: url, extra: [registryURL], version: formatVersion)
            if archived[year] == fingerprint {
                unchanged.append(year)
                continue
            }
            let reader = YearReader(year: year, directory: url, displayPath: displayPath + "/years/" + name,
                                    contentDirectory: directory, resolver: resolver)
            if var records = reader.read(log: &log) {
                records.competition.sourceFingerprint = fingerprint
                years.append(records)
            }
        }
        if let onlyYears {
            for year in onlyYears.sorted() where !names.contains(String(year)) {
                log.add(displayPath + "/years/\(year)", 0, "没有 \(year) 年度的文件夹")
            }
        }
        if !log.isEmpty { throw log.thrown }
        return ContentSite(site: site, registry: registry, writing: Writing(notices: notices, pages: pages), years: years,
                           unchangedYears: unchanged)
    }

    /// The front-matter keys of a notice; any other is a typo to report, not a key to ignore.
    static let noticeKeys = ["title", "date", "year", "summary", "attachments", "stage", "draft"]

    private static func markdownFiles(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
    }

    private static func readNotices(_ directory: URL, displayPath: String, log: inout ErrorLog) -> [Notice] {
        let folder = directory.appendingPathComponent("notices")
        var notices: [Notice] = []
        for name in markdownFiles(folder) {
            let path = displayPath + "/notices/" + name
            let notice: Notice? = log.attempt {
                let md = try MarkdownFile.read(folder.appendingPathComponent(name), displayPath: path)
                guard let front = md.frontMatter else {
                    throw InputError(path: path, line: 1, "通知需要 front matter（title 和 date），以 --- 开头")
                }
                var errors = ErrorLog()
                if let problem = AddressID.slugProblem(name) { errors.add(path, 0, problem) }
                let title = errors.attempt { try (front["title"] ?? front).requireString() }
                let date = errors.attempt { () throws -> String in
                    guard let d = front["date"] else { throw InputError(path: path, line: 1, "缺少发布日期 date (YYYY-MM-DD)") }
                    return try d.requireDate()
                }
                for key in front.entries?.map(\.key) ?? [] where !Self.noticeKeys.contains(key) {
                    errors.add(front[key]!.error("未知的 front matter 键「\(key)」；通知可用的键为 \(Self.noticeKeys.joined(separator: "、"))"))
                }
                let year = errors.attempt { try front["year"].map { try $0.requireInt() } } ?? nil
                let draft = errors.attempt { try front["draft"].map { try $0.requireBool() } ?? false } ?? false
                var stage: Stage?
                if let value = front["stage"] {
                    errors.attempt {
                        guard let name = value.string, let named = Stage(named: name) else {
                            throw value.error("stage 应为 \(Stage.allowedNames) 之一：通知在该年度公布到这一阶段时才出现在网站上")
                        }
                        if year == nil { throw value.error("写了 stage 的通知还需要 year（它属于哪个年度）") }
                        stage = named
                    }
                }
                var attachments: [Notice.Attachment] = []
                if let list = front["attachments"] {
                    for item in list.items ?? [] {
                        errors.attempt {
                            let file = try (item["file"] ?? item).requireString()
                            let title = item["title"]?.string ?? (file as NSString).lastPathComponent
                            guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path) else {
                                throw item.error("附件「\(file)」不存在；路径相对于内容文件夹，如 years/2024/files/报名表.docx")
                            }
                            attachments.append(Notice.Attachment(title: title, file: file))
                        }
                    }
                }
                if !errors.isEmpty { throw errors.thrown }
                return Notice(slug: String(name.dropLast(3)), title: title!, date: date!, year: year,
                              summary: md.string("summary") ?? "", markdown: md.body,
                              attachments: attachments, draft: draft, stage: stage, sourcePath: path)
            }
            if let notice { notices.append(notice) }
        }
        return notices
    }

    private static func readPages(_ directory: URL, displayPath: String, log: inout ErrorLog) -> [Page] {
        let folder = directory.appendingPathComponent("pages")
        var pages: [Page] = []
        for name in markdownFiles(folder) {
            let path = displayPath + "/pages/" + name
            let page: Page? = log.attempt {
                if let problem = AddressID.slugProblem(name) { throw InputError(path: path, line: 0, problem) }
                let md = try MarkdownFile.read(folder.appendingPathComponent(name), displayPath: path)
                let slug = String(name.dropLast(3))
                let title = md.string("title") ?? firstHeading(md.body) ?? slug
                for key in md.frontMatter?.entries?.map(\.key) ?? [] where key != "title" {
                    throw md.frontMatter![key]!.error("未知的 front matter 键「\(key)」；页面只用 title（标题）")
                }
                return Page(slug: slug, title: title, markdown: md.body, sourcePath: path)
            }
            if let page { pages.append(page) }
        }
        return pages
    }

    static func firstHeading(_ markdown: String) -> String? {
        markdown.split(separator: "\n").first { $0.hasPrefix("# ") }.map { TextNormalization.trimmed(String($0.dropFirst(2))) }
    }
}
