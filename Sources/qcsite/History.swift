import ArgumentParser
import Foundation
import Content
import Rules
import Diagnostics

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "查询单位的历年参赛记录，以及下一年度优秀企业的获奖条件。")

    @OptionGroup var site: SiteOptions
    @Argument(help: "单位名称、别名或 id") var enterprise: String
    @Option(help: "输出格式 text 或 json") var format: OutputFormat = .text

    func run() throws {
        try reporting("history", archive: site.archive) {
            let snapshot = try site.existingArchive().snapshot()
            let resolver = EnterpriseResolver(snapshot.registry)
            guard let id = resolver.resolve(enterprise) else {
                let hint = resolver.suggestions(for: enterprise)
                throw InputError(path: site.archive, line: 0, "存档中没有单位「\(enterprise)」"
                    + (hint.isEmpty ? "；请先运行 qcsite import" : "；是否指「\(hint.joined(separator: "」「"))」？"))
            }
            let standings = try Checker.standings(snapshot)
            let history = EnterpriseHistory.build(enterpriseId: id, snapshot: snapshot, standings: standings)!
            print(format == .json ? history.json() : history.text())
        }
    }
}
