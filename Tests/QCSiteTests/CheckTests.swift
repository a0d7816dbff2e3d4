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

/// The registration rules and resubmission: each rule broken once, and kept.
@Suite("Check: registrations")
struct CheckTests {
    @Test("resubmission: same enterprise and equal normalised title is an error naming both years")
    func resubmissionEqual() throws {
        var f = RuleFixture()
        f.register(2023, "2023-01", "ent-a", "降低基站退服率", group: "老QC小组")
        f.register(2024, "2024-01", "ent-a", "降低 基站退服率！", group: "新QC小组")
        let found = f.findings(2024, rule: .resubmission)
        #expect(found.count == 1)
        let finding = try #require(found.first)
        #expect(finding.severity == .error)
        #expect(finding.subject == "2024-01")
        #expect(finding.evidence["previous_year"] == 2023)
        #expect(finding.evidence["previous_id"] == "2023-01")
        #expect(finding.evidence["previous_title"] == "降低基站退服率")
        #expect(finding.evidence["title"] == "降低 基站退服率！")
        #expect(finding.evidence["previous_group"] == "老QC小组")
        #expect(finding.evidence["group"] == "新QC小组")
        #expect(finding.evidence["similarity"] == 1.0)
    }

    @Test("resubmission: a similar title of the same enterprise, and an equal one of another, are warnings")
    func resubmissionWarnings() {
        var f = RuleFixture()
        f.register(2023, "2023-01", "ent-a", "提高家庭宽带装机及时率")
        f.register(2023, "2023-02", "ent-b", "缩短客户投诉处理时长")
        f.register(2024, "2024-01", "ent-a", "提高家庭宽带业务装机及时率")
        f.register(2024, "2024-02", "ent-c", "缩短客户投诉处理时长")
        let found = f.findings(2024, rule: .resubmission)
        #expect(found.map(\.subject) == ["2024-01", "2024-02"])
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(found[0].evidence["similarity"] == .score(18.0 / 22.0))
        #expect(found[1].evidence["previous_enterprise"] == "ent-b")
    }

    @Test("resubmission: withdrawn earlier entries count; a title below the threshold, another enterprise's similar title and years beyond years_back do not")
    func resubmissionKept() {
        var f = RuleFixture()
        f.register(2022, "2022-01", "ent-a", "缩短光缆故障抢修历时")
        f.register(2023, "2023-01", "ent-a", "提高家庭宽带装机及时率")
        f.register(2023, "2023-02", "ent-b", "降低营业厅客户排队时长")
        f.register(2023, "2023-03", "ent-c", "研制光交箱智能门锁", status: .withdrawn)
        f.register(2024, "2024-01", "ent-a", "缩短光缆故障抢修历时")          // two years back
        f.register(2024, "2024-02", "ent-a", "提高家庭宽带业务受理一次成功率")   // same enterprise, dissimilar
        f.register(2024, "2024-03", "ent-c", "降低营业厅客户平均排队时长")       // another enterprise, similar only
        f.register(2024, "2024-04", "ent-c", "研制光交箱智能门锁")
        let found = f.findings(2024, rule: .resubmission)
        #expect(found.map(\.subject) == ["2024-04"])
        #expect(found.first?.severity == .error)
        #expect(found.first?.evidence["previous_status"] == "withdrawn")
    }

    @Test("resubmission: different titles with the same bigrams are similar (a warning), not equal")
    func resubmissionSameBigrams() {
        var f = RuleFixture()
        f.register(2023, "2023-01", "ent-a", "甲乙甲")
        f.register(2024, "2024-01", "ent-a", "乙甲乙")
        let found = f.findings(2024, rule: .resubmission)
        #expect(found.map(\.severity) == [.warning])
        #expect(found.first?.evidence["similarity"] == 1.0)
    }

    @Test("resubmission: years_back widens the comparison")
    func resubmissionYearsBack() {
        var f = RuleFixture { $0.resubmission.yearsBack = 2 }
        f.register(2022, "2022-01", "ent-a", "缩短光缆故障抢修历时")
        f.register(2024, "2024-01", "ent-a", "缩短光缆故障抢修历时")
        #expect(f.findings(2024, rule: .resubmission).map(\.evidence["previous_year"]) == [2022])
    }

    @Test("max-per-enterprise: the 21st entry is an error on the enterprise; withdrawn entries give their place back")
    func maxPerEnterprise() throws {
        var f = RuleFixture()
        for i in 1...20 { f.register(2024, "A\(i)", "ent-a", "甲课题\(i)") }
        f.register(2024, "A21", "ent-a", "甲课题21", status: .withdrawn)
        for i in 1...20 { f.register(2024, "B\(i)", "ent-b", "乙课题\(i)") }
        f.register(2024, "B21", "ent-b", "乙课题21", status: .disqualified)
        let found = f.findings(2024, rule: .maxPerEnterprise)
        #expect(found.map(\.subject) == ["ent-b"])
        let finding = try #require(found.first)
        #expect(finding.severity == .error)
        #expect(finding.evidence["count"] == 21)
        #expect(finding.evidence["limit"] == 20)
    }

    @Test("presenters: fewer than two or more than five is an error; two and five are fine")
    func presenters() {
        var f = RuleFixture()
        f.register(2024, "1", "ent-a", "课题一", presenters: ["甲"])
        f.register(2024, "2", "ent-a", "课题二", presenters: ["甲", "乙"])
        f.register(2024, "3", "ent-a", "课题三", presenters: ["甲", "乙", "丙", "丁", "戊"])
        f.register(2024, "4", "ent-a", "课题四", presenters: ["甲", "乙", "丙", "丁", "戊", "己"])
        f.register(2024, "5", "ent-a", "课题五", presenters: ["甲"], status: .withdrawn)
        let found = f.findings(2024, rule: .presenters)
        #expect(found.map(\.subject) == ["1", "4"])
        #expect(found.allSatisfy { $0.severity == .error })
        #expect(found.map(\.evidence["count"]) == [1, 6])
        #expect(found.first?.evidence["min"] == 2)
        #expect(found.first?.evidence["max"] == 5)
    }

    @Test("type: a topic type outside the rules is an error; both notice types are fine")
    func type() {
        var f = RuleFixture()
        f.register(2024, "1", "ent-a", "课题一", type: "攻关型")
        f.register(2024, "2", "ent-a", "课题二", type: "创新型")
        f.register(2024, "3", "ent-a", "课题三", type: "问题解决型")
        let found = f.findings(2024, rule: .type)
        #expect(found.map(\.subject) == ["1"])
        #expect(found.first?.severity == .error)
        #expect(found.first?.evidence["type"] == "攻关型")
        #expect(found.first?.evidence["allowed"] == ["问题解决型", "创新型"])
    }

    @Test("deadline: after the deadline is an error, no date a warning, the deadline day itself fine")
    func deadline() {
        var f = RuleFixture()
        f.register(2024, "late", "ent-a", "课题一", on: "2024-08-31")
        f.register(2024, "none", "ent-a", "课题二", on: nil)
        f.register(2024, "onTime", "ent-a", "课题三", on: "2024-08-30")
        let found = f.findings(2024, rule: .deadline)
        #expect(found.map(\.subject) == ["late", "none"])
        #expect(found.map(\.severity) == [.error, .warning])
        #expect(found[0].evidence["registered_on"] == "2024-08-31")
        #expect(found[0].evidence["until"] == "2024-08-30")
    }

    @Test("materials: a missing required material is an error naming it; all four are fine")
    func materials() {
        var f = RuleFixture()
        f.register(2024, "1", "ent-a", "课题一", materials: ["推荐表PDF", "推荐表Word", "成果报告"])
        f.register(2024, "2", "ent-a", "课题二")
        let found = f.findings(2024, rule: .materials)
        #expect(found.map(\.subject) == ["1"])
        #expect(found.first?.severity == .error)
        #expect(found.first?.evidence["missing"] == ["活动记录"])
    }

    @Test("A clean year has no finding at all")
    func clean() {
        var f = RuleFixture()
        f.register(2023, "2023-01", "ent-a", "缩短光缆故障抢修历时")
        f.register(2024, "2024-01", "ent-a", "提高家庭宽带装机及时率")
        #expect(f.findings(2024).isEmpty)
    }
}
