import ArgumentParser
import Foundation
import Content

struct RemoveYear: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove-year",
        abstract: "从存档中删除一个年度（先备份）。删除 content/ 中的年度文件夹不会改动存档。")

    @OptionGroup var site: SiteOptions
    @Argument(help: "要删除的年度，如 2021") var year: Int

    func run() throws {
        try reporting("remove-year", archive: site.archive, unchanged: "存档保持原样", interruptible: true) {
            let backup = try Importer.removeYear(year, archivePath: site.archive)
            progress("已从 \(site.archive) 删除 \(year) 年度；删除前的存档已备份到 \(backup)")
            progress("若 content/years/\(year) 仍在，下次 import 会重新导入它。")
        }
    }
}
