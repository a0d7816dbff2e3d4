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

/// Judging through `check`: item maxima by topic type, 回避, drop-extremes and the tie at place 23.
@Suite("Check: scoring")
struct ScoringTests {
    static let judges = ["甲", "乙", "丙", "丁", "戊"]

    /// A sheet with items: `scores` in the order of the type's items.
    static func sheet(_ year: inout YearRecords, _ id: String, judge: String, type: String, _ scores: [Double],
                      round: ScoreRound = .material) {
        let names = CompetitionRules().items[type]!.map(\.item)
        year.sheets.append(ScoredSheet(
            sheet: ScoreSheet(year: year.year, round: round, registrationId: id, judge: judge,
                              total: scores.reduce(0, +), hasItems: true, sourcePath: "scores/material.csv",
                              sourceLine: year.sheets.count + 2),
            items: zip(names, scores).map { ScoreItem(sheetId: 0, item: $0, score: $1) }))
    }

    func fixture() -> RuleFixture {
        var f = RuleFixture()
        f.register(2024, "P", "ent-a", "提高话务高峰期无线接通率")
        f.register(2024, "N", "ent-b", "研制馈线接头防水密封套", type: "创新型")
        f.years[2024]!.judges = Self.judges.enumerated().map { i, name in
            Judge(year: 2024, name: name, enterpriseId: name == "戊" ? "ent-b" : nil, organisation: name == "戊" ? "示例乙网络有限公司" : "大学", sourceLine: i + 2)
        }
        return f
    }

    @Test("An item above its type's maximum is reported and left out; 选题 18 is fine for 创新型 (max 20), not for 问题解决型 (max 15)")
    func itemsByType() throws {
        var f = fixture()
        var y = f.years[2024]!
        // 问题解决型: 选题 原因分析 对策与实施 效果 成果报告 特点
        Self.sheet(&y, "P", judge: "甲", type: "问题解决型", [18, 25, 15, 15, 4, 8])   // 选题 over 15
        Self.sheet(&y, "P", judge: "乙", type: "问题解决型", [12, 25, 15, 15, 4, 8])   // 79
        Self.sheet(&y, "P", judge: "丙", type: "问题解决型", [13, 26, 16, 15, 4, 7])   // 81
        // 创新型: 选题 提出方案 对策与实施 效果 成果报告 特点
        Self.sheet(&y, "N", judge: "甲", type: "创新型", [18, 25, 15, 12, 4, 8])      // 82
        Self.sheet(&y, "N", judge: "乙", type: "创新型", [16, 25, 15, 12, 4, -1])     // 特点 below zero
        f.years[2024] = y
        let found = f.findings(2024, rule: .scoreRange)
        #expect(found.map(\.subject) == ["N", "P"])
        #expect(found.allSatisfy { $0.severity == .error })
        let p = try #require(found.first { $0.subject == "P" })
        #expect(p.evidence["item"] == "选题")
        #expect(p.evidence["maximum"] == 15.0)
        #expect(p.evidence["judge"] == "甲")
        let standings = try Checker.standings(f.snapshot)[2024]!
        #expect(standings.standing("P")?.materialScore == 80)
        #expect(standings.standing("N")?.materialScore == 82)
    }

    @Test("A judge's own enterprise is reported and left out; five valid sheets drop the highest and lowest")
    func conflictAndDropExtremes() throws {
        var f = fixture()
        var y = f.years[2024]!
        let totals: [String: [Double]] = ["P": [90, 70, 80, 84, 76], "N": [60, 88, 86, 84, 99]]
        for (id, list) in totals.sorted(by: { $0.key < $1.key }) {
            for (judge, total) in zip(Self.judges, list) {
                y.sheets.append(ScoredSheet(sheet: ScoreSheet(year: 2024, round: .material, registrationId: id, judge: judge,
                                                              total: total, hasItems: false, sourcePath: "m.csv",
                                                              sourceLine: y.sheets.count + 2), items: []))
            }
        }
        f.years[2024] = y
        let conflicts = f.findings(2024, rule: .judgeConflict)
        #expect(conflicts.map(\.subject) == ["N"], "戊 belongs to ent-b and scored ent-b's entry")
        #expect(conflicts.first?.severity == .error)
        #expect(conflicts.first?.evidence["judge"] == "戊")
        let standings = try Checker.standings(f.snapshot)[2024]!
        #expect(standings.standing("P")?.materialScore == 80, "(80+84+76)/3 after dropping 90 and 70")
        #expect(standings.standing("N")?.materialScore == 79.5, "99 left out; four sheets keep all: (60+88+86+84)/4")
    }

    @Test("A tie at the 23rd place is reported with every tied entry, and both go through")
    func tieAt23() throws {
        var f = RuleFixture()
        var y = f.years[2024]!
        y.judges = [Judge(year: 2024, name: "甲", enterpriseId: nil, organisation: "大学", sourceLine: 2)]
        f.years[2024] = y
        for i in 1...25 { f.register(2024, String(format: "E%02d", i), "ent-\(["a", "b", "c"][i % 3])", "课题\(i)") }
        y = f.years[2024]!
        for i in 1...25 {
            // 90, 89, … with places 23 and 24 on the same total.
            let total = Double(i == 24 ? 90 - 22 : 90 - (i - 1))
            y.sheets.append(ScoredSheet(sheet: ScoreSheet(year: 2024, round: .material, registrationId: String(format: "E%02d", i),
                                                          judge: "甲", total: total, hasItems: false, sourcePath: "m.csv",
                                                          sourceLine: i + 1), items: []))
        }
        f.years[2024] = y
        let found = f.findings(2024, rule: .shortlistTie)
        #expect(found.count == 1)
        let tie = try #require(found.first)
        #expect(tie.severity == .warning)
        #expect(tie.subject == "E23")
        #expect(tie.evidence["ids"] == ["E23", "E24"])
        #expect(tie.evidence["rank"] == 23)
        #expect(tie.evidence["limit"] == 23)
        #expect(try Checker.standings(f.snapshot)[2024]!.shortlist.count == 24)

        // Without the tie, nothing is reported and the shortlist is 23.
        f.years[2024]!.sheets[23].sheet.total = 67
        #expect(f.findings(2024, rule: .shortlistTie).isEmpty)
        #expect(try Checker.standings(f.snapshot)[2024]!.shortlist.count == 23)
    }
}
