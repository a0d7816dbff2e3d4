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

/// The excellent-enterprise rules: each broken once, and kept.
@Suite("Check: excellent enterprises")
struct ExcellentRuleTests {
    /// ent-a won 三等奖 in 2022 (recorded in awards.csv), ent-b only 优秀奖 in 2023.
    func fixture() -> RuleFixture {
        var f = RuleFixture()
        f.register(2022, "2022-01", "ent-a", "缩短光缆故障抢修历时")
        f.award(2022, "2022-01", "三等奖")
        f.register(2023, "2023-01", "ent-b", "降低营业厅客户排队时长")
        f.award(2023, "2023-01", "优秀奖")
        return f
    }

    @Test("excellent-window: no counted award in Y-3…Y-1 is an error listing what the archive holds")
    func window() throws {
        var f = fixture()
        f.years[2020] = YearRecords(competition: Competition(year: 2020, title: "2020", published: .results, sourcePath: "c"))
        f.register(2020, "2020-01", "ent-c", "研制光交箱智能门锁")
        f.award(2020, "2020-01", "一等奖")   // outside the 2021–2023 window
        f.apply(2024, "Y1", "ent-a", memberUnit: "unit-1")
        f.apply(2024, "Y2", "ent-b", memberUnit: "unit-2")
        f.apply(2024, "Y3", "ent-c", memberUnit: "unit-3")
        let found = f.findings(2024, rule: .excellentWindow)
        #expect(found.map(\.subject) == ["Y2", "Y3"])
        #expect(found.allSatisfy { $0.severity == .error })
        #expect(found[0].evidence["window"] == [2021, 2022, 2023])
        let held = try #require(found[0].evidence["awards_in_window"])
        #expect(held == [["year": 2023, "id": "2023-01", "title": "降低营业厅客户排队时长", "award": "优秀奖"]])
    }

    @Test("excellent-window: with window years missing from the archive it is only a warning")
    func windowUnarchived() {
        var f = fixture()
        f.years[2021] = nil
        f.apply(2024, "Y2", "ent-b")
        let found = f.findings(2024, rule: .excellentWindow)
        #expect(found.map(\.severity) == [.warning])
        #expect(found.first?.evidence["years_not_archived"] == [2021])
    }

    @Test("excellent-publication: below provincial level or outside Y-3…Y is an error; 国家级 of Y-3 is fine")
    func publication() {
        var f = fixture()
        f.apply(2024, "Y1", "ent-a", publications: [("市级", "2024-01"), ("省级", "2020-12-31"), ("国家级", nil)])
        f.apply(2024, "Y2", "ent-b", memberUnit: "unit-2", publications: [])
        f.apply(2024, "Y3", "ent-c", publications: [("市级", "2024-01"), ("国家级", "2021")])
        let found = f.findings(2024, rule: .excellentPublication)
        #expect(found.map(\.subject) == ["Y1", "Y2"])
        #expect(found.allSatisfy { $0.severity == .error })
        #expect(found[0].evidence["window"] == [2021, 2024])
        if case .array(let listed)? = found[0].evidence["publications"] { #expect(listed.count == 3) } else { Issue.record("no publications in evidence") }
    }

    @Test("member-unit-quota: a second applicant of one member unit is an error on the unit; 推荐单位 overrides the registry")
    func quota() throws {
        var f = fixture()
        f.apply(2024, "Y1", "ent-a")                      // registry: unit-1
        f.apply(2024, "Y2", "ent-b")                      // registry: unit-1
        f.apply(2024, "Y3", "ent-c", memberUnit: "unit-1") // written: unit-1
        let found = f.findings(2024, rule: .memberUnitQuota)
        #expect(found.map(\.subject) == ["unit-1"])
        let finding = try #require(found.first)
        #expect(finding.severity == .error)
        #expect(finding.evidence["applications"] == ["Y1", "Y2", "Y3"])
        #expect(finding.evidence["count"] == 3)
        #expect(finding.evidence["limit"] == 1)

        var kept = fixture()
        kept.apply(2024, "Y1", "ent-a")
        kept.apply(2024, "Y2", "ent-b", memberUnit: "unit-2")
        #expect(kept.findings(2024, rule: .memberUnitQuota).isEmpty)
    }

    @Test("profile-length: counts characters, not bytes, and not spaces or line breaks")
    func profileLength() throws {
        var f = fixture()
        f.apply(2024, "Y1", "ent-a", profile: String(repeating: "质", count: 1001))
        f.apply(2024, "Y2", "ent-c", memberUnit: "unit-9", profile: String(repeating: "量", count: 500) + " \n  " + String(repeating: "好", count: 500))
        let found = f.findings(2024, rule: .profileLength)
        #expect(found.map(\.subject) == ["Y1"])
        let finding = try #require(found.first)
        #expect(finding.severity == .error)
        #expect(finding.evidence["characters"] == 1001)
        #expect(finding.evidence["limit"] == 1000)
    }

    @Test("claim-unverified: a wrong award, another enterprise's title or an unknown title is an error; an unarchived year a warning")
    func claims() {
        var f = fixture()
        f.apply(2024, "Y1", "ent-a")
        f.claim(2024, "Y1", claimedYear: 2022, title: "缩短光缆故障抢修历时。", award: "三等奖")      // held
        f.claim(2024, "Y1", claimedYear: 2022, title: "缩短光缆故障抢修历时", award: "一等奖")        // wrong award
        f.claim(2024, "Y1", claimedYear: 2023, title: "降低营业厅客户排队时长", award: "优秀奖")      // ent-b's
        f.claim(2024, "Y1", claimedYear: 2023, title: "提高装维一次成功率", award: "二等奖")          // unknown
        f.claim(2024, "Y1", claimedYear: 2019, title: "研制智能门锁", award: "一等奖")               // not archived
        let found = f.findings(2024, rule: .claimUnverified)
        #expect(found.map(\.subject) == ["Y1", "Y1", "Y1", "Y1"])
        #expect(found.map(\.severity) == [.error, .error, .error, .warning])
        let byYear = found.map { $0.evidence["claimed_award"] }
        #expect(byYear.contains("一等奖"))
        let wrong = found.first { $0.evidence["claimed_award"] == "一等奖" && $0.evidence["claimed_year"] == 2022 }
        #expect(wrong?.evidence["archive"] == ["id": "2022-01", "title": "缩短光缆故障抢修历时", "award": "三等奖"])
        let other = found.first { $0.evidence["claimed_title"] == "降低营业厅客户排队时长" }
        #expect(other?.message.contains("示例乙网络有限公司") == true)
        #expect(!found.contains { $0.evidence["claimed_award"] == "三等奖" })
    }

    @Test("More applications selected 优秀企业 than excellent_enterprises allows is reported; the quota itself is not")
    func excellentQuota() {
        var f = RuleFixture { $0.excellentEnterprises = 1 }
        f.register(2023, "2023-01", "ent-a", "课题一")
        f.award(2023, "2023-01", "一等奖")
        f.apply(2024, "2024-Y1", "ent-a", memberUnit: "unit-1", selected: true)
        #expect(f.findings(2024, rule: .awardQuota).isEmpty)
        f.apply(2024, "2024-Y2", "ent-c", memberUnit: "unit-2", selected: true)
        let found = f.findings(2024, rule: .awardQuota)
        #expect(found.map(\.subject) == ["质量管理小组活动优秀企业"])
        #expect(found.first?.severity == .warning)
        #expect(found.first?.evidence["ids"] == ["2024-Y1", "2024-Y2"])
        #expect(found.first?.evidence["quota"] == 1)
    }
}
