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

/// The repository's demo site, built end to end as the README's command builds it.
@Suite("Demo site", .serialized)
struct DemoSiteTests {
    func buildDemo() throws -> (SiteFixture, BuildReport) {
        let fixture = try SiteFixture()
        try FileManager.default.copyItem(at: SiteFixture.repository.appendingPathComponent("content"), to: fixture.url("content"))
        let report = try SiteBuilder(paths: fixture.paths).build()
        return (fixture, report)
    }

    @Test("Builds the archive and the home page from content/")
    func builds() throws {
        let (fixture, report) = try buildDemo()
        defer { fixture.cleanUp() }
        #expect(report.imported?.years.map(\.year) == [2022, 2023, 2024, 2025])
        #expect(FileManager.default.fileExists(atPath: fixture.paths.archive))
        let home = try #require(fixture.read("public/index.html"))
        #expect(home.contains("<html lang=\"zh-CN\">"))
        #expect(home.contains("2025年"))
        #expect(fixture.read("public/notices/2024-08-15-competition/index.html")?.contains("晋信息业工发") == true)
    }

    @Test("The 2024 shortlist and prizes equal the computation from the score sheets")
    func ranking2024() throws {
        let (fixture, _) = try buildDemo()
        defer { fixture.cleanUp() }
        let snapshot = try ArchiveDatabase(path: fixture.paths.archive).snapshot()
        let s = try Ranking.rank(try #require(snapshot.year(2024)))
        // Computed independently from scores/material.csv and scores/onsite.csv.
        #expect(s.shortlist == ["2024-039", "2024-019", "2024-007", "2024-003", "2024-008", "2024-001", "2024-017",
                                "2024-004", "2024-035", "2024-015", "2024-022", "2024-034", "2024-025", "2024-010",
                                "2024-027", "2024-012", "2024-005", "2024-037", "2024-018", "2024-028", "2024-040",
                                "2024-029", "2024-011"])
        #expect(abs((s.standing("2024-039")?.materialScore ?? 0) - 92.14) < 1e-9)
        #expect(abs((s.standing("2024-007")?.materialScore ?? 0) - 88.325) < 1e-9)
        #expect(s.prizes.map(\.award) == ["一等奖", "二等奖", "三等奖"])
        #expect(s.prizes.map(\.ids) == [["2024-039"], ["2024-019", "2024-007"], ["2024-003", "2024-001", "2024-004"]])
        let scoring: Set<RuleID> = [.judgeConflict, .scoreRange, .shortlistTie, .awardQuota]
        let findings = try Checker.check(snapshot: snapshot, standings: Checker.standings(snapshot), year: 2024)
        #expect(findings.filter { scoring.contains($0.rule) }.isEmpty)
    }

    @Test("History reads the three-year record across a renamed enterprise")
    func history() throws {
        let (fixture, _) = try buildDemo()
        defer { fixture.cleanUp() }
        let snapshot = try ArchiveDatabase(path: fixture.paths.archive).snapshot()
        let standings = Dictionary(uniqueKeysWithValues: try snapshot.years.map { ($0.year, try Ranking.rank($0)) })
        let id = try #require(EnterpriseResolver(snapshot.registry).resolve("示例有线电视网络有限公司长治分公司"))
        let history = try #require(EnterpriseHistory.build(enterpriseId: id, snapshot: snapshot, standings: standings))
        #expect(history.enterprise.name == "示例广电网络股份有限公司长治分公司")
        #expect(history.years.map(\.year).contains(2022))
        #expect(history.eligibility.forYear == 2026)
        #expect(history.eligibility.window == [2023, 2024, 2025])
        // 2025 is still at registration: its own round is reported too, over 2022–2024.
        #expect(history.currentRound?.forYear == 2025)
        #expect(history.currentRound?.window == [2022, 2023, 2024])
    }
}
