import ArgumentParser
import Foundation
import Forms
import Diagnostics

struct Forms: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "从存档生成本年度的正式表格（Excel）：报名汇总表、评委名单、每位评委的评分表、优秀企业申报表。",
        discussion: "默认写入 content/years/<年度>/files/forms/；已存在的同名文件不会被覆盖，除非加 --force。")

    @OptionGroup var site: SiteOptions
    @Argument(help: "年度（须已导入存档）") var year: Int
    @Option(help: "写入的文件夹（默认 content/years/<年度>/files/forms）") var into: String?
    @Flag(help: "覆盖已存在的同名表格（已填写的内容会丢失）") var force = false
    @Flag(help: "只生成可附于通知的空白报名汇总表和优秀企业申报表，不带存档中的数据") var blank = false

    func run() throws {
        try reporting("forms", archive: site.archive, unchanged: "未写入任何表格", interruptible: true) {
            let forms = try YearForms.make(snapshot: site.existingArchive().snapshot(), year: year,
                                           archivePath: site.archive, blank: blank)
            let folder = try destination()
            let written = try forms.write(into: URL(fileURLWithPath: folder), displayPath: folder, force: force)
            for form in written {
                let use = form.isPublic ? "可附于通知" : "内部使用，勿附于公开通知"
                progress("\(form.path)（填好后导入为 \(form.importAs)；\(use)）")
            }
            for reason in forms.notMade { progress("未生成 \(reason)") }
            progress("已写入 \(written.count) 份表格到 \(folder)")
        }
    }

    /// `--into`, or the year's attachment folder; a year whose folder is gone from `content/`
    /// is not given a new one holding only forms (import would then find a year without competition.yaml).
    private func destination() throws -> String {
        if let into { return into }
        let yearFolder = "\(site.content)/years/\(year)"
        guard FileManager.default.fileExists(atPath: yearFolder + "/competition.yaml") else {
            throw InputError(path: yearFolder, line: 0, "没有这个年度的文件夹（competition.yaml）；请用 --into 指定写入的文件夹")
        }
        return yearFolder + "/files/forms"
    }
}
