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

/// The site in Fixtures/planted breaks every rule once in 2024 (see its README); `check`
/// must report each planted violation with its subject and severity, and nothing else.
@Suite("Planted violations", .serialized)
struct PlantedSiteTests {
    static let folder = SiteFixture.repository.appendingPathComponent("Tests/QCSiteTests/Fixtures/planted")

    static let expected: Set<String> = [
        "resubmission error 2024-C01", "resubmission warning 2024-D01", "resubmission warning 2024-E01",
        "max-per-enterprise error ent-a", "presenters error 2024-F01", "type error 2024-G01",
        "deadline error 2024-H01", "deadline warning 2024-G02", "materials error 2024-H02",
        "judge-conflict error 2024-B01", "score-range error 2024-A05", "shortlist-tie warning 2024-A14", "award-quota warning 一等奖",
        "excellent-window error 2024-Y02", "excellent-publication error 2024-Y03", "member-unit-quota error u-d",
        "profile-length error 2024-Y06", "claim-unverified error 2024-Y05", "decision-unmatched warning 2024-A05",
    ]

    func imported() throws -> (SiteFixture, ArchiveSnapshot) {
        let fixture = try SiteFixture(withTheme: false)
        try FileManager.default.copyItem(at: Self.folder.appendingPathComponent("content"), to: fixture.url("content"))
        _ = try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content", archivePath: fixture.paths.archive)
        return (fixture, try ArchiveDatabase(path: fixture.paths.archive).snapshot())
    }

    @Test("Every planted violation is reported with its subject and severity, and nothing else")
    func planted() throws {
        let (fixture, snapshot) = try imported()
        defer { fixture.cleanUp() }
        let findings = try Checker.check(snapshot: snapshot, standings: try Checker.standings(snapshot), year: 2024)
        let got = findings.map { "\($0.rule) \($0.severity.rawValue) \($0.subject)" }
        #expect(got.count == Set(got).count, "no violation is reported twice")
        #expect(Set(got) == Self.expected)
        #expect(Set(findings.map(\.rule)) == Set(RuleID.allCases), "the fixture covers every rule id")
        #expect(findings.filter { $0.handled != nil }.map { "\($0.rule) \($0.subject)" } == ["score-range 2024-A05"],
                "decisions.csv handles the 105 sheet, and nothing else")
    }

    @Test("The clean application and the tie's shortlist come out as a hand computation says")
    func cleanParts() throws {
        let (fixture, snapshot) = try imported()
        defer { fixture.cleanUp() }
        let standings = try Checker.standings(snapshot)
        let s = try #require(standings[2024])
        #expect(s.shortlist.count == 24, "2024-A14 and 2024-A15 tie at place 23 and both go through")
        #expect(s.standing("2024-A05")?.materialScore == 82, "the 105 sheet is left out: four sheets of 82")
        #expect(s.standing("2024-B01")?.materialScore == 95, "评委戊's 99 for his own enterprise is left out")
        #expect(s.standing("2024-A22") == nil, "withdrawn")
        let eligibility = EnterpriseHistory.eligibility(enterpriseId: "ent-a", forYear: 2024, snapshot: snapshot,
                                                        standings: standings, rules: CompetitionRules())
        #expect(eligibility.awardsInWindow.map(\.id) == ["2023-A01"])
    }
}
