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

@Suite("Ranking")
struct RankingTests {
    /// A year of `entries` (id, enterprise) scored by judges with totals only.
    func year(entries: [(String, String)], judges: [(String, String?)], material: [String: [Double]],
              onsite: [String: [Double]] = [:], rules: CompetitionRules = CompetitionRules()) -> YearRecords {
        var year = YearRecords(competition: Competition(year: 2024, title: "t", published: .results,
                                                        rules: rules, sourcePath: "c"))
        year.registrations = entries.enumerated().map { i, e in
            Registration(year: 2024, id: e.0, enterpriseId: e.1, enterpriseNameAsWritten: e.1, groupName: "g",
                         title: "课题\(e.0)", type: "问题解决型", sourcePath: "r.csv", sourceLine: i + 2)
        }
        year.judges = judges.enumerated().map { Judge(year: 2024, name: $1.0, enterpriseId: $1.1, organisation: $1.1 ?? "大学", sourceLine: $0 + 2) }
        for (round, scores) in [(ScoreRound.material, material), (.onsite, onsite)] {
            for (id, totals) in scores.sorted(by: { $0.key < $1.key }) {
                for (j, total) in totals.enumerated() {
                    year.sheets.append(ScoredSheet(sheet: ScoreSheet(year: 2024, round: round, registrationId: id, judge: judges[j].0,
                                                                     total: total, hasItems: false, sourcePath: "s.csv",
                                                                     sourceLine: j + 2), items: []))
                }
            }
        }
        return year
    }

    /// The findings of the scoring rules on a ranked year (the ranking itself returns data only).
    func scoringFindings(_ y: YearRecords) throws -> [Finding] {
        let snapshot = ArchiveSnapshot(registry: Registry(enterprises: [], aliases: []), writing: Writing(notices: [], pages: []), years: [y])
        let scoring: Set<RuleID> = [.judgeConflict, .scoreRange, .shortlistTie, .awardQuota]
        return try Checker.check(snapshot: snapshot, standings: [y.year: Ranking.rank(y)], year: y.year)
            .filter { scoring.contains($0.rule) }
    }

    @Test("Drops the highest and lowest total from five judges on, then averages")
    func dropExtremes() {
        #expect(Ranking.mean([80, 90, 70, 85, 75], dropFrom: 5) == 80)
        #expect(Ranking.mean([80, 90, 70, 85], dropFrom: 5) == 81.25)
        #expect(Ranking.mean([], dropFrom: 5) == nil)
    }

    @Test("Shortlist and prizes follow the rules' quotas; exact ties share a rank and are reported at a cut")
    func shortlistAndTies() throws {
        var rules = CompetitionRules()
        rules.shortlistSize = 3
        rules.awards = [.init(name: "一等奖", count: 1), .init(name: "二等奖", count: 1)]
        let judges: [(String, String?)] = [("甲", nil), ("乙", nil), ("丙", nil)]
        let y = year(entries: [("A", "e1"), ("B", "e2"), ("C", "e3"), ("D", "e4"), ("E", "e5")], judges: judges,
                     material: ["A": [90, 90, 90], "B": [85, 85, 85], "C": [80, 81, 79], "D": [80, 80, 80], "E": [70, 70, 70]],
                     onsite: ["A": [88, 88, 88], "B": [91, 91, 91], "C": [70, 70, 70], "D": [75, 75, 75]], rules: rules)
        let s = try Ranking.rank(y)
        #expect(s.standing("C")?.materialRank == 3)
        #expect(s.standing("D")?.materialRank == 3, "80 and 80 tie exactly")
        #expect(s.shortlist == ["A", "B", "C", "D"], "a tie at the cut lets both through")
        let findings = try scoringFindings(y)
        #expect(findings.map(\.rule) == [.shortlistTie])
        #expect(findings.first?.evidence["ids"] == ["C", "D"])
        #expect(s.prizes.map(\.award) == ["一等奖", "二等奖"])
        #expect(s.prizes.map(\.ids) == [["B"], ["A"]], "prizes rank the shortlisted by the on-site mean alone")
    }

    @Test("A judge's sheet for the judge's own enterprise and an out-of-range sheet are reported and left out")
    func conflictsAndRange() throws {
        let judges: [(String, String?)] = [("甲", "e1"), ("乙", nil), ("丙", nil)]
        let y = year(entries: [("A", "e1"), ("B", "e2")], judges: judges,
                     material: ["A": [100, 80, 82], "B": [120, 70, 72]])
        let s = try Ranking.rank(y)
        #expect(s.standing("A")?.materialScore == 81)
        #expect(s.standing("B")?.materialScore == 71)
        let findings = try scoringFindings(y)
        #expect(findings.map(\.rule).sorted() == [.judgeConflict, .scoreRange])
        #expect(findings.first { $0.rule == .judgeConflict }?.subject == "A")
        #expect(findings.first { $0.rule == .scoreRange }?.subject == "B")
    }

    @Test("Recorded awards decide; withdrawn entries take no place")
    func recordedAndWithdrawn() throws {
        let judges: [(String, String?)] = [("甲", nil)]
        var y = year(entries: [("A", "e1"), ("B", "e2"), ("C", "e3")], judges: judges,
                     material: ["A": [90], "B": [80], "C": [95]], onsite: ["A": [90], "B": [80]])
        y.registrations[2].status = .withdrawn
        y.awards = [Award(year: 2024, registrationId: "B", award: "一等奖", shortlisted: nil, sourceLine: 2)]
        let s = try Ranking.rank(y)
        #expect(s.standing("C") == nil)
        #expect(s.standing("B")?.award == "一等奖")
        #expect(s.standing("B")?.recorded == true)
        #expect(s.standing("A")?.materialRank == 1)
    }

    @Test("A recorded prize takes its slot first: the computed prizes fill only the slots left, in on-site order")
    func recordedPrizeKeepsQuota() throws {
        var rules = CompetitionRules()
        rules.shortlistSize = 5
        rules.awards = [.init(name: "一等奖", count: 1), .init(name: "二等奖", count: 2)]
        let judges: [(String, String?)] = [("甲", nil)]
        let entries = [("A", "e1"), ("B", "e2"), ("C", "e3"), ("D", "e4"), ("E", "e5")]
        let scores: [String: [Double]] = ["A": [95], "B": [90], "C": [85], "D": [80], "E": [75]]
        var y = year(entries: entries, judges: judges, material: scores, onsite: scores, rules: rules)
        y.awards = [Award(year: 2024, registrationId: "D", award: "一等奖", shortlisted: nil, sourceLine: 2)]
        let s = try Ranking.rank(y)
        #expect(s.prizes.map(\.award) == ["一等奖", "二等奖"])
        #expect(s.prizes.map(\.ids) == [["D"], ["A", "B"]], "A, computed first, moves to the slot left")
        #expect(s.standing("C")?.award == nil)
        #expect(try scoringFindings(y).isEmpty)

        // Two recorded 一等奖 exceed the quota of one: reported, and no computed entry gets one.
        y.awards.append(Award(year: 2024, registrationId: "E", award: "一等奖", shortlisted: nil, sourceLine: 3))
        let over = try Ranking.rank(y)
        #expect(over.prizes.map(\.ids) == [["D", "E"], ["A", "B"]])
        let overFindings = try scoringFindings(y)
        let finding = try #require(overFindings.first { $0.rule == .awardQuota })
        #expect(finding.severity == .warning)
        #expect(finding.subject == "一等奖")
        #expect(finding.evidence["count"] == 2)
        #expect(finding.evidence["quota"] == 1)
        #expect(finding.evidence["ids"] == ["D", "E"])
        #expect(overFindings.count == 1)
    }

    @Test("Without score sheets, awards.csv decides alone and only a prize beyond its quota is reported")
    func recordedOnlyQuota() throws {
        var y = year(entries: [("A", "e1"), ("B", "e2"), ("C", "e3")], judges: [], material: [:])
        y.awards = [Award(year: 2024, registrationId: "A", award: "二等奖", shortlisted: nil, sourceLine: 2)]
        #expect(try scoringFindings(y).isEmpty, "fewer prizes than the quota: a year may award fewer")
        y.awards += ["B", "C"].map { Award(year: 2024, registrationId: $0, award: "二等奖", shortlisted: nil, sourceLine: 3) }
        let findings = try scoringFindings(y)
        #expect(findings.map(\.rule) == [.awardQuota])
        #expect(findings.first?.evidence["ids"] == ["A", "B", "C"])
    }
}
