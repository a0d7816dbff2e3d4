import ArgumentParser
import Foundation
import Content

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "把 content/ 读入存档：每个年度整体替换，出错则存档保持原样。")

    @OptionGroup var site: SiteOptions
    @Option(name: .customLong("year"), help: "只导入这些年度（可重复）")
    var years: [Int] = []
    @Flag(help: "重新读取所有年度，即使文件未改动") var force = false

    func run() throws {
        try reporting("import", archive: site.archive, unchanged: "未导入任何内容，存档保持原样", interruptible: true) {
            let paths = site.paths
            let (_, summary) = try Importer.run(contentDirectory: paths.contentURL, displayPath: paths.content,
                                                archivePath: paths.archive, onlyYears: years.isEmpty ? nil : Set(years),
                                                force: force)
            for year in summary.years {
                progress("\(year.year)年：\(year.registrations) 项报名")
            }
            if !summary.unchangedYears.isEmpty {
                progress("未改动，存档保持原样：\(summary.unchangedYears.map { "\($0)年" }.joined(separator: "、"))")
            }
            if let backup = summary.backup { progress("导入前的存档已备份到 \(backup)") }
            progress("已导入 \(paths.archive)：更新 \(summary.years.count) 个年度，单位 \(summary.enterprises) 家，通知 \(summary.notices) 篇，页面 \(summary.pages) 篇")
        }
    }
}
