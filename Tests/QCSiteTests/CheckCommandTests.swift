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

/// `qcsite check` as staff run it: the report's JSON and text, and the built binary's exit codes.
@Suite("Check command", .serialized)
struct CheckCommandTests {
    func report() -> CheckReport {
        var f = RuleFixture()
        f.register(2023, "2023-01", "ent-a", "降低基站退服率")
        f.register(2024, "2024-02", "ent-a", "降低基站退服率")
        f.register(2024, "2024-01", "ent-b", "课题", type: "攻关型", on: nil)
        return CheckReport(year: 2024, findings: f.findings(2024))
    }

    @Test("JSON has exactly year and findings; findings sort errors first, then rule order, then subject")
    func json() throws {
        let report = report()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["year", "findings"])
        #expect(object["year"] as? Int == 2024)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.allSatisfy { Set($0.keys) == ["rule", "severity", "subject", "message", "evidence"] })
        #expect(findings.map { "\($0["severity"]!) \($0["rule"]!) \($0["subject"]!)" } == [
            "error resubmission 2024-02", "error type 2024-01", "warning deadline 2024-01"])
        #expect(report.exitStatus == 1)
        #expect(report.json() == self.report().json(), "the same archive prints the same bytes")
    }

    @Test("Text groups findings by rule with counts and ends with a summary")
    func text() {
        let text = report().text()
        #expect(text.contains("[resubmission] 1 个错误"))
        #expect(text.contains("[deadline] 1 个警告"))
        #expect(text.hasSuffix("2024年：2 个错误，1 个警告，共 3 条。"))
        #expect(text.range(of: "[type]")!.lowerBound < text.range(of: "[deadline]")!.lowerBound, "errors first")
        #expect(CheckReport(year: 2025, findings: []).exitStatus == 0)
    }

    @Test("The binary exits 0, 1 and 2 as the contract says, and prints JSON alone on stdout")
    func binary() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let site = try SiteFixture(SiteFixture.minimal(year: 2024, rows: [
            "2024-001,示例甲通信,甲QC小组,降低基站退服率,问题解决型,张三、李四,张三,2024-08-20,1,推荐表PDF、推荐表Word、成果报告、活动记录,",
        ]).merging([
            "content/years/2023/competition.yaml": SiteFixture.competition(2023, published: "registration"),
            "content/years/2023/registrations.csv": SiteFixture.registrationHeader
                + "\n2023-001,示例甲通信,甲QC小组,降低基站退服率,问题解决型,张三、李四,张三,2023-08-20,1,推荐表PDF、推荐表Word、成果报告、活动记录,\n",
        ]) { a, _ in a }, withTheme: false)
        defer { site.cleanUp() }

        let missing = try QCSiteBinary.run(["check"], in: site.root)
        #expect(missing.status == 2, "no archive yet")
        #expect(!FileManager.default.fileExists(atPath: site.paths.archive), "check does not create or import an archive")

        #expect(try QCSiteBinary.run(["import"], in: site.root).status == 0)
        let failing = try QCSiteBinary.run(["check", "--format", "json"], in: site.root)
        #expect(failing.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(failing.stdout.utf8)) as? [String: Any])
        #expect(object["year"] as? Int == 2024, "the newest year by default")
        #expect((object["findings"] as? [[String: Any]])?.first?["rule"] as? String == "resubmission")

        let clean = try QCSiteBinary.run(["check", "--year", "2023"], in: site.root)
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("2023年：未发现问题。"))

        let unknown = try QCSiteBinary.run(["check", "--year", "1999"], in: site.root)
        #expect(unknown.status == 2)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr.contains("1999"))
    }

    @Test("A damaged archive is exit 3 with the step and the path, never taken for a rule error")
    func damagedArchive() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let site = try SiteFixture(withTheme: false)
        defer { site.cleanUp() }
        try site.write("broken.sqlite", String(repeating: "这不是存档。", count: 200))
        for command in [["check"], ["history", "示例甲通信"]] {
            let run = try QCSiteBinary.run(command + ["--archive", "broken.sqlite"], in: site.root)
            #expect(run.status == 3, "\(command): \(run.stderr)")
            #expect(run.stderr.hasPrefix("[\(command[0])] 存档 broken.sqlite 不是有效的 SQLite 存档或已损坏"), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }
}
