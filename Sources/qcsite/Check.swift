import ArgumentParser
import Foundation
import Rules
import Diagnostics

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "按竞赛规则检查存档中的一个年度（不导入：先运行 qcsite import 或 build）。",
        discussion: "也列出已设定公布的阶段（competition.yaml 的 published）还缺少的数据。退出状态：0 没有问题；1 有未处理的错误或缺少数据；2 输入错误。处理意见记在 content/years/<年度>/decisions.csv。")

    @OptionGroup var site: SiteOptions
    @Option(help: "检查的年度，默认为存档中最新的年度") var year: Int?
    @Option(help: "输出格式 text 或 json") var format: OutputFormat = .text
    /// For bench/resubmission.sh: the time of each step, on stderr.
    @Flag(help: .hidden) var timings = false

    func run() throws {
        var status: Int32 = 0
        try reporting("check", archive: site.archive) {
            let clock = ContinuousClock()
            var started = clock.now
            func step(_ name: String) {
                guard timings else { return }
                let now = clock.now
                let d = (now - started).components
                progress(String(format: "timing %@ %.3f", name, Double(d.seconds) + Double(d.attoseconds) / 1e18))
                started = now
            }
            let snapshot = try site.existingArchive().snapshot()
            step("snapshot")
            guard let newest = snapshot.years.last?.year else {
                throw InputError(path: site.archive, line: 0, "存档中没有任何年度；请先运行 qcsite import")
            }
            let year = self.year ?? newest
            guard snapshot.year(year) != nil else {
                throw InputError(path: site.archive, line: 0, "存档中没有 \(year) 年；已有年度：\(snapshot.years.map { String($0.year) }.joined(separator: "、"))")
            }
            let standings = try Checker.standings(snapshot)
            step("ranking")
            let missing = StageGap.gaps(snapshot.year(year)!, standing: standings[year]!)
            let report = CheckReport(year: year, findings: try Checker.check(snapshot: snapshot, standings: standings, year: year),
                                     missing: missing)
            step("rules")
            print(format == .json ? report.json() : report.text())
            status = report.exitStatus
        }
        if status != 0 { throw ExitCode(status) }
    }
}
