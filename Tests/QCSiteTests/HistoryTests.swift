import Foundation
import Testing
@testable import Archive
@testable import Content
@testable import Diagnostics
@testable import Disclosure
@testable import Forms
@testable import Preview
@testable import Publishing
@testable import Rules
@testable import SafePaths
@testable import SiteBuild
@testable import SiteSettings
@testable import TextKeys

/// `qcsite history` for an enterprise renamed since it won: its former name is an alias.
@Suite("History", .serialized)
struct HistoryTests {
    static func row(_ id: String, _ name: String, _ title: String, _ year: Int) -> String {
        "\(id),\(name),甲QC小组,\(title),问题解决型,张三、李四,张三,\(year)-08-20,1,推荐表PDF、推荐表Word、成果报告、活动记录,"
    }

    func site() throws -> SiteFixture {
        var files = SiteFixture.minimal(year: 2024, rows: [Self.row("2024-001", "示例甲通信有限公司", "提高装维一次成功率", 2024)])
        for (year, name, title, award) in [(2021, "示例旧名通信有限公司", "研制光交箱智能门锁", "一等奖"),
                                           (2022, "示例旧名通信有限公司", "缩短光缆故障抢修历时", "二等奖"),
                                           (2023, "示例甲通信", "降低基站退服率", "优秀奖")] {
            files["content/years/\(year)/competition.yaml"] = SiteFixture.competition(year)
            files["content/years/\(year)/registrations.csv"] = SiteFixture.registrationHeader + "\n" + Self.row("\(year)-001", name, title, year) + "\n"
            files["content/years/\(year)/awards.csv"] = "编号,奖项,入围\n\(year)-001,\(award),是\n"
        }
        files["content/years/2023/excellent-enterprises.csv"] = "申报编号,单位名称,推荐单位,事迹简介,评选结果\n2023-E01,示例旧名通信有限公司,示例通信集团有限公司,简介,优秀企业\n"
        return try SiteFixture(files, withTheme: false)
    }

    @Test("History under the former name lists every year, and the award window uses awards.csv")
    func renamed() throws {
        let fixture = try site()
        defer { fixture.cleanUp() }
        _ = try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content", archivePath: fixture.paths.archive)
        let snapshot = try ArchiveDatabase(path: fixture.paths.archive).snapshot()
        let id = try #require(EnterpriseResolver(snapshot.registry).resolve("示例旧名通信有限公司"))
        let history = try #require(EnterpriseHistory.build(enterpriseId: id, snapshot: snapshot, standings: try Checker.standings(snapshot)))
        #expect(history.enterprise.name == "示例甲通信有限公司")
        #expect(history.enterprise.memberUnit?.id == "demo-group")
        #expect(history.years.map(\.year) == [2021, 2022, 2023, 2024])
        #expect(history.years.map { $0.registrations.first?.award } == ["一等奖", "二等奖", "优秀奖", nil])
        #expect(history.excellentEnterpriseYears == [2023])
        // For 2025 the window is 2022–2024: the 2021 一等奖 is outside it and 优秀奖 does not count.
        #expect(history.eligibility.forYear == 2025)
        #expect(history.eligibility.window == [2022, 2023, 2024])
        #expect(history.eligibility.awardsInWindow.map(\.id) == ["2022-001"])
        #expect(history.eligibility.meetsAwardCondition)
        let text = history.text()
        #expect(text.contains("2022年：申报 1 项，入围 1 项，获奖 1 项"))
        #expect(text.contains("符合「近三年内有全省优秀质量管理小组」条件（2022–2024年：2022年《缩短光缆故障抢修历时》二等奖）"))
        #expect(text.contains("获评质量管理小组活动优秀企业：2023年"))

        // A year later the 2022 award leaves the window.
        let later = EnterpriseHistory.eligibility(enterpriseId: id, forYear: 2026, snapshot: snapshot,
                                                  standings: try Checker.standings(snapshot), rules: CompetitionRules())
        #expect(!later.meetsAwardCondition)
        #expect(later.window == [2023, 2024, 2025])
    }
}
