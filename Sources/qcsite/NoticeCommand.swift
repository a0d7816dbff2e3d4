import ArgumentParser
import Foundation
import Archive
import Content
import Diagnostics
import SiteBuild

struct NoticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "起草公布入围名单或竞赛结果的通知（content/notices/ 中的 Markdown），名单由存档生成，供编辑后发布。",
        discussion: """
            通知正文中的 {{入围名单}} 或 {{获奖名单}} 一行在生成网站时换成存档中的名单（按报名编号排列，排名不分先后）。
            已存在的同名文件不会被覆盖。通知带 stage:，该年度公布到这一阶段（qcsite stage）时才出现在网站上。
            """)

    @OptionGroup var site: SiteOptions
    @Argument(help: "年度（须已导入存档）") var year: Int
    @Argument(help: "shortlist（入围名单）或 results（获奖名单）") var list: String

    func run() throws {
        try reporting("notice", archive: site.archive, unchanged: "未写入任何文件") {
            guard let kind = NoticeList.allCases.first(where: { [$0.rawValue, $0.name, $0.stage.chineseNames[0]].contains(list) }) else {
                throw InputError(path: "qcsite notice", line: 0, "「\(list)」无法识别；请写 shortlist（入围名单）或 results（获奖名单）")
            }
            let snapshot = try site.existingArchive().snapshot()
            guard let records = snapshot.year(year) else {
                throw InputError(path: site.archive, line: 0, "存档中没有 \(year) 年；请先运行 qcsite import")
            }
            let paths = site.paths
            let organisers = try NoticeDraft.organisers(contentDirectory: paths.contentURL, contentDisplayPath: paths.content)
            let draft = NoticeDraft(list: kind, year: records, organisers: organisers, today: try Today.fixed() ?? LocalDate.today())
            let written = try draft.write(contentDirectory: paths.contentURL, contentDisplayPath: paths.content)
            for other in snapshot.writing.notices where other.year == year && other.stage == kind.stage {
                progress("注意：\(other.sourcePath) 也宣布\(year)年的这一阶段；请只保留一篇")
            }
            progress("已起草 \(written)：名单由 \(kind.placeholder) 一行生成；请修改标题、文号（doc_number）和正文后，用 qcsite stage \(year) \(kind.stage.chineseNames[0]) 公布")
        }
    }
}
