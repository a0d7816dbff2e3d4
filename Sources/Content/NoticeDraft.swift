import Foundation
import Archive
import Diagnostics
import SafePaths
import SiteSettings

/// The notice that announces a year's shortlist or results, drafted in the association's format
/// for staff to edit: front matter (title, date, year, the stage it announces, a commented
/// `doc_number` to fill in), the body with the list's placeholder (`NoticeList`) instead of a
/// typed list, and the 落款 — the organisers of site.yaml and the date, which the site sets right.
public struct NoticeDraft: Sendable {
    /// `2025-09-05-shortlist.md`.
    public var fileName: String
    public var text: String

    /// The draft for `list` of `year`. Its date is the stage's day in competition.yaml
    /// (`stages: shortlist: {on: …}`, `results: {on: …}`), else `today`.
    public init(list: NoticeList, year: YearRecords, organisers: [String], today: String) {
        let competition = year.competition
        let date = year.stages.first { $0.stage == list.stage }.flatMap { $0.startsOn ?? $0.endsOn } ?? today
        let reference = "《关于开展\(competition.title)活动的通知》" + (competition.docNumber.map { "（\($0)）" } ?? "")
        let title: String, summary: String, lead: String, close: String
        switch list {
        case .shortlist:
            title = "关于公布\(competition.title)现场发表入围名单的通知"
            summary = "资料初审结束，现场发表入围名单公布如下。"
            lead = "根据\(reference)，经资料初审，现将进入现场发表的QC小组成果名单公布如下。"
            close = "现场发表的时间、地点及有关要求另行通知。请入围小组提前做好发表准备。"
        case .results:
            title = "关于\(competition.title)结果的通报"
            summary = "\(competition.year)年竞赛获奖名单与质量管理小组活动优秀企业。"
            lead = "根据\(reference)，经资料初审、现场发表和评审组综合评议，现将竞赛结果公布如下。"
            close = "希望获奖单位和小组珍惜荣誉、再接再厉，持续深入开展群众性质量管理活动。"
        }
        fileName = "\(date)-\(list.rawValue).md"
        text = """
            ---
            title: \(Self.yamlText(title))
            date: \(date)
            year: \(competition.year)
            stage: \(list.stage.rawValue)        # 该年度公布到这一阶段时才在网站上出现
            summary: \(Self.yamlText(summary))
            # doc_number: 本通知的文号（如 晋信息业工发〔\(competition.year)〕11号），填写后显示在通知和名单页上
            ---

            各有关单位：

            \(lead)

            \(list.placeholder)

            \(close)

            \(organisers.isEmpty ? "（落款：主办单位）" : organisers.joined(separator: "　"))

            \(Self.chineseDate(date))

            """
    }

    /// Writes the draft into `notices/` of the content folder; an existing file is never replaced.
    /// Returns the path written, as messages name it.
    public func write(contentDirectory: URL, contentDisplayPath: String) throws -> String {
        let shown = contentDisplayPath + "/notices/" + fileName
        guard try SourceFolder.open(contentDirectory, displayPath: contentDisplayPath) != nil else {
            throw InputError(path: contentDisplayPath, line: 0, "内容文件夹不存在 (no content folder)；请在站点文件夹中运行，或用 --content 指定")
        }
        let folder = contentDirectory.appendingPathComponent("notices")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: folder.appendingPathComponent(fileName), options: .withoutOverwriting)
        } catch {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(fileName).path) {
                throw InputError(path: shown, line: 0, "文件已存在，未覆盖 (file exists)；请编辑这个文件，或把它改名后再生成草稿")
            }
            throw InputError(path: shown, line: 0, "无法写入 (cannot write)：\(error.localizedDescription)")
        }
        return shown
    }

    /// The organisers named in the content's site.yaml (the notice's 落款).
    public static func organisers(contentDirectory: URL, contentDisplayPath: String) throws -> [String] {
        guard let folder = try SourceFolder.open(contentDirectory, displayPath: contentDisplayPath),
              let url = try folder.file("site.yaml") else { return [] }
        return try SiteConfig.read(YAMLValue.read(url, displayPath: contentDisplayPath + "/site.yaml")).organisers
    }

    /// `2025-09-05` as `2025年9月5日`, the date line the site recognises as the 落款's.
    static func chineseDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return iso }
        return "\(parts[0])年\(parts[1])月\(parts[2])日"
    }

    /// A YAML scalar for `text`: as it is, or double-quoted where YAML would read it otherwise.
    static func yamlText(_ text: String) -> String {
        let special = CharacterSet(charactersIn: ":#'\"{}[],&*!|>%@`\\")
        guard text.unicodeScalars.contains(where: special.contains) || text != text.trimmingCharacters(in: .whitespaces) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
