import Foundation
import Testing
@testable import Archive
@testable import Diagnostics
@testable import Rules
@testable import SiteBuild

/// A stage goes out only with its data, and error-level findings stop it until staff fix them,
/// record a decision on them, or let the build through on purpose.
@Suite("Stage guards", .serialized)
struct StageGuardTests {
    /// Three complete registrations of 2024, in registration.
    static let rows = [
        "2024-001,示例甲通信,蓝海QC小组,降低基站退服时长,问题解决型,张伟、李娜,,2024-08-20,,推荐表PDF、推荐表Word、成果报告、活动记录,",
        "2024-002,示例乙网络,先锋QC小组,研发一种光缆快速定位装置,创新型,赵强、钱敏,,2024-08-21,,推荐表PDF、推荐表Word、成果报告、活动记录,",
        "2024-003,示例甲通信,攻坚QC小组,提高基站巡检效率,问题解决型,孙立、周平,,2024-08-22,,推荐表PDF、推荐表Word、成果报告、活动记录,",
    ]
    static let material = "编号,评委,总分\n2024-001,甲,70\n2024-002,甲,90\n2024-003,甲,80\n"
    static let onsite = "编号,评委,总分\n2024-001,甲,75\n2024-002,甲,85\n2024-003,甲,95\n"

    static func site(published: String = "registration") -> [String: String] {
        var files = SiteFixture.minimal(rows: rows)
        files["content/years/2024/competition.yaml"] = SiteFixture.competition(2024, published: published)
        files["content/years/2024/judges.csv"] = "评委,单位名称\n甲,示例大学\n"
        return files
    }

    static func publish(_ fixture: SiteFixture, _ stage: String) throws {
        try fixture.write("content/years/2024/competition.yaml", SiteFixture.competition(2024, published: stage))
    }

    @Test("Shortlist: refused without material scores or a recorded shortlist, naming year, stage, line and file; the old site stays")
    func shortlistGuard() throws {
        let fixture = try SiteFixture(Self.site())
        defer { fixture.cleanUp() }
        _ = try SiteBuilder(paths: fixture.paths).build()
        let before = FullSite.tree(fixture.url("public"))

        try Self.publish(fixture, "入围")
        let lines = inputErrorLines { _ = try SiteBuilder(paths: fixture.paths).build() }
        try #require(lines.count == 1)
        #expect(lines[0].contains("years/2024/competition.yaml:5: 2024年公布到「入围」"), "\(lines[0])")
        #expect(lines[0].contains("years/2024/scores/material.csv"))
        #expect(FullSite.tree(fixture.url("public")) == before, "the old site is untouched")

        try fixture.write("content/years/2024/scores/material.csv", Self.material)
        _ = try SiteBuilder(paths: fixture.paths).build()
        #expect(fixture.read("public/2024/shortlist/index.html")?.contains("研发一种光缆快速定位装置") == true)
    }

    @Test("Review: refused while the year has no active registration")
    func reviewGuard() throws {
        var files = Self.site(published: "资料评审")
        files["content/years/2024/registrations.csv"] = SiteFixture.registrationHeader + "\n"
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        let lines = inputErrorLines { _ = try SiteBuilder(paths: fixture.paths).build() }
        try #require(lines.count == 1)
        #expect(lines[0].contains("competition.yaml:5: 2024年公布到「资料评审」") && lines[0].contains("years/2024/registrations.csv"), "\(lines[0])")

        try fixture.write("content/years/2024/registrations.csv", ([SiteFixture.registrationHeader] + Self.rows).joined(separator: "\n") + "\n")
        _ = try SiteBuilder(paths: fixture.paths).build()
    }

    @Test("Shortlist by material scores: an active entry without a valid score is named")
    func unscoredEntry() throws {
        var files = Self.site(published: "shortlist")
        files["content/years/2024/scores/material.csv"] = "编号,评委,总分\n2024-001,甲,70\n2024-002,甲,90\n"
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        let lines = inputErrorLines { _ = try SiteBuilder(paths: fixture.paths).build() }
        try #require(lines.count == 1)
        #expect(lines[0].contains("1 项有效报名没有有效的资料评审评分") && lines[0].contains("2024-003"), "\(lines[0])")

        try fixture.write("content/years/2024/awards.csv", "编号,奖项,入围\n2024-003,,否\n")
        _ = try SiteBuilder(paths: fixture.paths).build()
    }

    @Test("Results: refused without on-site scores or prizes, and while excellent-enterprise applications are undecided")
    func resultsGuard() throws {
        var files = Self.site(published: "results")
        files["content/years/2024/scores/material.csv"] = Self.material
        files["content/years/2024/publications.csv"] = "申报编号,题目,刊物或会议,级别,发表日期\n2024-E01,QC小组活动经验,《示例质量》,省级,2023-05\n"
        files["content/years/2024/excellent-enterprises.csv"] = "申报编号,单位名称,推荐单位,事迹简介,评选结果\n2024-E01,示例甲通信,示例通信集团有限公司,坚持质量第一。,\n"
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        let lines = inputErrorLines { _ = try SiteBuilder(paths: fixture.paths).build() }
        try #require(lines.count == 2)
        #expect(lines[0].contains("2024年公布到「结果」") && lines[0].contains("years/2024/scores/onsite.csv"), "\(lines[0])")
        #expect(lines[1].contains("years/2024/excellent-enterprises.csv") && lines[1].contains("评选结果"), "\(lines[1])")
        #expect(!FileManager.default.fileExists(atPath: fixture.url("public").path), "nothing was written")

        try fixture.write("content/years/2024/scores/onsite.csv", Self.onsite)
        let rest = inputErrorLines { _ = try SiteBuilder(paths: fixture.paths).build() }
        #expect(rest.count == 1 && rest.first?.contains("excellent-enterprises.csv") == true, "\(rest)")

        try fixture.write("content/years/2024/excellent-enterprises.csv",
                          "申报编号,单位名称,推荐单位,事迹简介,评选结果\n2024-E01,示例甲通信,示例通信集团有限公司,坚持质量第一。,未入选\n")
        let report = try SiteBuilder(paths: fixture.paths).build()
        #expect(!report.stoppedByFindings, "\(report.blocking)")
        #expect(fixture.read("public/2024/results/index.html")?.contains("提高基站巡检效率") == true)
    }

    @Test("check lists the stage's missing data and exits 1; build exits 2 and says what stays")
    func commandLine() throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try SiteFixture(Self.site(published: "shortlist"))
        defer { fixture.cleanUp() }
        let build = try QCSiteBinary.run(["build"], in: fixture.root)
        #expect(build.status == 2, "\(build.stderr)")
        #expect(build.stderr.contains("content/years/2024/competition.yaml:5: 2024年公布到「入围」"), "\(build.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.url("public").path))

        let check = try QCSiteBinary.run(["check"], in: fixture.root)
        #expect(check.status == 1)
        #expect(check.stdout.contains("[缺少数据]") && check.stdout.contains("scores/material.csv"), "\(check.stdout)")
        let json = try QCSiteBinary.run(["check", "--format", "json"], in: fixture.root)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let missing = object?["missing"] as? [[String: Any]]
        #expect(missing?.map { $0["stage"] as? String } == ["shortlist"])
    }

    /// 2024-002 lacks its 成果报告: a `materials` error, about the shortlist.
    static func siteWithFinding() -> [String: String] {
        var files = site(published: "shortlist")
        files["content/years/2024/registrations.csv"] = ([SiteFixture.registrationHeader] + rows.enumerated().map { index, row in
            index == 1 ? row.replacingOccurrences(of: "推荐表Word、成果报告、活动记录", with: "推荐表Word、活动记录") : row
        }).joined(separator: "\n") + "\n"
        files["content/years/2024/scores/material.csv"] = material
        return files
    }

    @Test("An error-level finding stops the build by default; --allow-findings lets it through and says so")
    func findingsBlock() throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try SiteFixture(Self.siteWithFinding())
        defer { fixture.cleanUp() }
        let stopped = try QCSiteBinary.run(["build"], in: fixture.root)
        #expect(stopped.status == 1)
        #expect(stopped.stderr.contains("2024年（已公布到「入围」）有 1 个未处理的错误级检查结果（materials），网站未生成"), "\(stopped.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.url("public").path))

        let allowed = try QCSiteBinary.run(["build", "--allow-findings"], in: fixture.root)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stderr.contains("--allow-findings：2024年（已公布到「入围」）有 1 个未处理的错误级检查结果"), "\(allowed.stderr)")
        #expect(fixture.read("public/2024/shortlist/index.html") != nil)

        // Nothing changed since the build let through: the next build without the flag must
        // not take the output as it stands, but stop again.
        let again = try QCSiteBinary.run(["build"], in: fixture.root)
        #expect(again.status == 1, "\(again.stderr)")
        #expect(again.stderr.contains("有 1 个未处理的错误级检查结果（materials），网站未生成"), "\(again.stderr)")
    }

    @Test("A finding of a stage not yet published stops nothing")
    func findingBeforeItsStage() throws {
        var files = Self.siteWithFinding()
        files["content/years/2024/competition.yaml"] = SiteFixture.competition(2024, published: "review")
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        let report = try SiteBuilder(paths: fixture.paths).build()
        #expect(!report.stoppedByFindings)
        #expect(report.findings[2024]?.contains { $0.rule == .materials && $0.severity == .error } == true)
    }

    @Test("A decision in decisions.csv handles its finding: shown as handled in text and JSON, no longer blocking")
    func handledFinding() throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try SiteFixture(Self.siteWithFinding())
        defer { fixture.cleanUp() }
        try fixture.write("content/years/2024/decisions.csv", "规则,对象,处理意见,日期\nmaterials,2024-002,已补交成果报告，准予参赛,2024/9/1\n")
        let build = try QCSiteBinary.run(["build"], in: fixture.root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.contains("其中 1 个已处理"))

        let check = try QCSiteBinary.run(["check"], in: fixture.root)
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("错误（已处理）  2024-002"), "\(check.stdout)")
        #expect(check.stdout.contains("处理意见（2024-09-01）：已补交成果报告，准予参赛"))
        let json = try QCSiteBinary.run(["check", "--format", "json"], in: fixture.root)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let finding = (object?["findings"] as? [[String: Any]])?.first { $0["rule"] as? String == "materials" }
        #expect(finding?["handled"] as? [String: String] == ["note": "已补交成果报告，准予参赛", "date": "2024-09-01"])
    }

    @Test("A decision that matches no finding is reported, with its line; a finding it misses still blocks")
    func unmatchedDecision() throws {
        let fixture = try SiteFixture(Self.siteWithFinding())
        defer { fixture.cleanUp() }
        try fixture.write("content/years/2024/decisions.csv",
                          "规则,对象,处理意见,日期\nmaterials,2024-02,已补交,2024-09-01\njudge-conflicts,2024-001,无,2024-09-01\n")
        let report = try SiteBuilder(paths: fixture.paths).build()
        #expect(report.stoppedByFindings, "2024-02 is not 2024-002")
        let unmatched = (report.findings[2024] ?? []).filter { $0.rule == .decisionUnmatched }
        try #require(unmatched.count == 2)
        let bySubject = Dictionary(uniqueKeysWithValues: unmatched.map { ($0.subject, $0.message) })
        #expect(bySubject["2024-02"]?.contains("decisions.csv 第 2 行的处理意见（materials，2024-02）没有对应的检查结果") == true)
        #expect(bySubject["2024-001"]?.contains("decisions.csv 第 3 行的规则「judge-conflicts」不存在") == true)
    }

    @Test("decisions.csv rows with an empty note or a bad date are input errors at their line")
    func badDecisionRows() throws {
        let fixture = try SiteFixture(Self.siteWithFinding())
        defer { fixture.cleanUp() }
        try fixture.write("content/years/2024/decisions.csv",
                          "规则,对象,处理意见,日期\nmaterials,2024-002,,2024-09-01\nmaterials,2024-001,准予,九月\n")
        let lines = inputErrorLines { _ = try SiteBuilder(paths: fixture.paths).build() }
        #expect(lines.count == 2)
        #expect(lines.first?.contains("decisions.csv:2: ") == true && lines.first?.contains("处理意见为空") == true, "\(lines)")
        #expect(lines.last?.contains("decisions.csv:3: ") == true && lines.last?.contains("不是有效日期") == true, "\(lines)")
    }
}
