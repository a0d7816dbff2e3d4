import Foundation
import Parallelism
import Archive
import Diagnostics
import SafePaths
import TextKeys
import SiteSettings

/// Everything read from a content folder, checked and ready for the archive.
public struct ContentSite: Sendable {
    public var site: SiteConfig
    public var registry: Registry
    public var writing: Writing
    public var years: [YearRecords]
    /// Years left out because their files are unchanged since they were archived.
    public var unchangedYears: [Int] = []
    /// The fingerprint of every year read or left out, by year.
    public var fingerprints: [Int: String] = [:]
}

/// Reads a content folder: `site.yaml`, `enterprises.yaml`, notices, pages and every year.
/// All input errors of the folder are collected and thrown together.
public enum ContentReader {
    /// Part of every year's fingerprint: raise it when the way files are read changes,
    /// so that archived years are read again.
    static let formatVersion = "qcsite-content-3"

    /// - Parameters:
    ///   - directory: the content folder.
    ///   - displayPath: how error messages name that folder (as the user typed it).
    ///   - onlyYears: read just these years (nil: every year folder).
    ///   - archived: fingerprints of the archived years; a year whose files still match is left out.
    ///   - known: fingerprints the caller vouches a year's files still have (their stamps did not
    ///     change since they were hashed): a year whose known fingerprint is the archived one is
    ///     left out without its files read.
    ///   - archivedWriteups: a year's write-ups as archived, by registration (their Markdown left
    ///     in the archive): a year read again takes each whose file is unchanged from them.
    public static func read(_ directory: URL, displayPath: String = "content", onlyYears: Set<Int>? = nil,
                            archived: [Int: String] = [:], known: [Int: String] = [:],
                            archivedWriteups: (@Sendable (Int) throws -> [String: Writeup])? = nil) throws -> ContentSite {
        var log = ErrorLog()
        guard let content = try SourceFolder.open(directory, displayPath: displayPath) else {
            throw InputErrors([InputError(path: displayPath, line: 0,
                "内容文件夹不存在 (no content folder)；请在站点文件夹中运行，或用 --content 指定")])
        }

        var site = SiteConfig()
        if let url = log.attempt({ try content.file("site.yaml") }) ?? nil {
            site = log.attempt { try SiteConfig.read(YAMLValue.read(url, displayPath: displayPath + "/site.yaml")) } ?? site
        }

        let registryPath = displayPath + "/enterprises.yaml"
        var registry = Registry(enterprises: [], aliases: [])
        switch log.attempt({ try content.file("enterprises.yaml") }) {
        case let url??:
            registry = log.attempt { try RegistryReader.read(YAMLValue.read(url, displayPath: registryPath)) } ?? registry
        case nil?:
            log.add(registryPath, 0, "缺少单位名录 enterprises.yaml (missing enterprise registry)")
        case nil:
            break  // logged: it is there but cannot be read
        }
        let resolver = EnterpriseResolver(registry)

        let notices = readNotices(content, log: &log)
        let pages = readPages(content, log: &log)

        let folders = (log.attempt { try content.entries(in: "years") } ?? []).filter { $0.kind == .folder }.map(\.name)
        // Years are read side by side, each into its own log; the logs are joined in folder order.
        // (A folder not named as a year is reported whichever years are asked for.)
        let wanted = folders.filter { name in
            guard let year = Int(name), name.count == 4, let onlyYears else { return true }
            return onlyYears.contains(year)
        }
        // One year folder: its records when they are to be imported; unchanged when its
        // fingerprint is the archived one.
        func readYear(_ name: String, log: inout ErrorLog) -> (records: YearRecords?, unchanged: Bool, fingerprint: String?) {
            let folder = "years/" + name
            guard let year = Int(name), name.count == 4 else {
                log.add(displayPath + "/" + folder, 0, "年度文件夹应以四位年份命名，如 years/2024")
                return (nil, false, nil)
            }
            if let fingerprint = known[year], archived[year] == fingerprint { return (nil, true, fingerprint) }
            // The write-ups' files are keyed one by one on the way when the archive has the year.
            // (An archive that cannot give them only has every file read.)
            let writeups = archived[year] == nil ? [:] : (try? archivedWriteups?(year)) ?? [:]
            // A year none of whose write-ups the archive has parses every one: their bytes are kept
            // as they are hashed, for the reader to parse (up to a limit: a year's write-ups are a
            // few megabytes, and one too large is read to be refused). Else they are keyed.
            guard let (fingerprint, keys, contents) = log.attempt({
                try Fingerprint.of(folder: folder, in: content, extra: ["enterprises.yaml"], version: formatVersion,
                                   keyed: { !writeups.isEmpty && $0.hasPrefix("writeups/") },
                                   kept: { writeups.isEmpty && $0.hasPrefix("writeups/") && $0.hasSuffix(".md") && !$0.dropFirst(9).contains("/") },
                                   keeping: InputLimits.markdownBytes, keepingAll: Self.keptBytes)
            }) else { return (nil, false, nil) }
            if archived[year] == fingerprint { return (nil, true, fingerprint) }
            var reader = YearReader(year: year, displayPath: displayPath + "/" + folder, source: content, folder: folder,
                                    resolver: resolver)
            (reader.archivedWriteups, reader.sourceKeys, reader.fingerprinted) = (writeups, keys, contents)
            guard var records = reader.read(log: &log) else { return (nil, false, nil) }
            records.competition.sourceFingerprint = fingerprint
            return (records, false, fingerprint)
        }
        let results = Parallel.map(wanted) { name in
            var log = ErrorLog()
            let (records, unchanged, fingerprint) = readYear(name, log: &log)
            return (records: records, unchanged: unchanged, fingerprint: fingerprint, log: log)
        }
        var years: [YearRecords] = []
        var unchanged: [Int] = []
        var fingerprints: [Int: String] = [:]
        for (index, part) in results.enumerated() {
            log.add(part.log.thrown)
            if part.unchanged, let year = Int(wanted[index]) { unchanged.append(year) }
            if let records = part.records { years.append(records) }
            if let fingerprint = part.fingerprint, let year = Int(wanted[index]) { fingerprints[year] = fingerprint }
        }
        if let onlyYears {
            for year in onlyYears.sorted() where !folders.contains(String(year)) {
                log.add(displayPath + "/years/\(year)", 0, "没有 \(year) 年度的文件夹")
            }
        }
        if !log.isEmpty { throw log.thrown }
        return ContentSite(site: site, registry: registry, writing: Writing(notices: notices, pages: pages), years: years,
                           unchangedYears: unchanged, fingerprints: fingerprints)
    }

    /// The most bytes of a year's write-ups its fingerprint keeps for its reader (past them, the
    /// reader reads the files again).
    static let keptBytes = 64 << 20

    /// The front-matter keys of a notice; any other is a typo to report, not a key to ignore.
    static let noticeKeys = ["title", "date", "year", "summary", "attachments", "stage", "draft", "doc_number"]

    /// The Markdown files of a folder of the content, by name.
    private static func markdownFiles(_ content: SourceFolder, _ folder: String, log: inout ErrorLog) -> [String] {
        (log.attempt { try content.entries(in: folder) } ?? [])
            .filter { $0.kind == .file && $0.name.hasSuffix(".md") }.map(\.name)
    }

    private static func readNotices(_ content: SourceFolder, log: inout ErrorLog) -> [Notice] {
        var notices: [Notice] = []
        for name in markdownFiles(content, "notices", log: &log) {
            let path = content.displayPath + "/notices/" + name
            let notice: Notice? = log.attempt {
                let md = try MarkdownFile.read(try content.existingFile("notices/" + name), displayPath: path)
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
                let docNumber = errors.attempt { try front["doc_number"].flatMap { $0.isNull ? nil : try $0.requireString() } } ?? nil
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
                            let attachment = try Self.attachment(file, in: content, at: item["file"] ?? item)
                            attachments.append(Notice.Attachment(title: item["title"]?.string ?? attachment.components.last!,
                                                                 file: attachment.source))
                        }
                    }
                }
                if !errors.isEmpty { throw errors.thrown }
                return Notice(slug: String(name.dropLast(3)), title: title!, date: date!, year: year,
                              summary: md.string("summary") ?? "", markdown: md.body,
                              attachments: attachments, draft: draft, stage: stage, docNumber: docNumber,
                              bodyLine: md.bodyLine, sourcePath: path)
            }
            if let notice { notices.append(notice) }
        }
        return notices
    }

    /// A notice's attachment, checked where staff wrote it: a plain path to a readable file
    /// inside the content folder.
    private static func attachment(_ file: String, in content: SourceFolder, at value: YAMLValue) throws -> AttachmentPath {
        var problem = ""
        guard let attachment = AttachmentPath(file, problem: &problem) else { throw value.error(problem) }
        let found: URL?
        do {
            found = try content.file(attachment.source)
        } catch let error as InputError {
            throw value.error("附件「\(file)」：\(error.path): \(error.message)")
        }
        guard let found else {
            throw value.error("附件「\(file)」不存在；路径相对于内容文件夹，如 years/2024/files/报名表.docx")
        }
        if file.lowercased().hasSuffix(".xlsx"), InternalWorkbook.isMarked(found) {
            throw value.error("附件「\(file)」是 qcsite forms 从存档填入数据的内部表格（含联系人等不公开的信息），不能附于公开通知；"
                + "请用 qcsite forms 年度 --blank --into content/years/年度/files/blank 生成空白表格，附上那里的文件")
        }
        return attachment
    }

    private static func readPages(_ content: SourceFolder, log: inout ErrorLog) -> [Page] {
        var pages: [Page] = []
        for name in markdownFiles(content, "pages", log: &log) {
            let path = content.displayPath + "/pages/" + name
            let page: Page? = log.attempt {
                if let problem = AddressID.slugProblem(name) { throw InputError(path: path, line: 0, problem) }
                let md = try MarkdownFile.read(try content.existingFile("pages/" + name), displayPath: path)
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
