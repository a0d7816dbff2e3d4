import Foundation
import Testing
@testable import Archive
@testable import Content
@testable import Diagnostics
@testable import SiteBuild

/// `qcsite stage`: a stage is tried before anything is written, competition.yaml changes in its
/// `published:` line alone, and staff see what becomes public.
@Suite("Stage command", .serialized)
struct StageCommandTests {
    /// StageGuardTests' year with its material scores in, still in registration, with a
    /// comment on the published line that the edit must keep.
    static func site() -> [String: String] {
        var files = StageGuardTests.site()
        files["content/years/2024/competition.yaml"] = SiteFixture.competition(2024)
            .replacingOccurrences(of: "published: results", with: "published: registration   # 当前阶段")
        files["content/years/2024/scores/material.csv"] = StageGuardTests.material
        return files
    }

    @Test("--dry-run lists exactly the pages the stage makes public, and writes nothing")
    func dryRun() throws {
        let fixture = try SiteFixture(Self.site())
        defer { fixture.cleanUp() }
        _ = try SiteBuilder(paths: fixture.paths).build()
        let yaml = try Data(contentsOf: fixture.url("content/years/2024/competition.yaml"))
        let archive = try Data(contentsOf: fixture.url("archive.sqlite"))
        let site = FullSite.tree(fixture.url("public"))

        var lines: [String] = []
        let report = try StagePublisher(paths: fixture.paths, year: 2024, stage: .shortlist) { lines.append($0) }.run(dryRun: true)
        let changes = try #require(report.changes)
        #expect(changes.pages.added == ["/2024/shortlist/"])
        #expect(changes.pages.removed.isEmpty)
        #expect(changes.downloads.added == ["/2024/shortlist.csv", "/2024/shortlist.json"])
        #expect(changes.newEntries.map(\.id) == ["2024-001", "2024-002", "2024-003"])
        #expect(report.text().contains("试运行：") && report.text().contains("新增页面 1 个：\n    /2024/shortlist/"), "\(report.text())")

        #expect(try Data(contentsOf: fixture.url("content/years/2024/competition.yaml")) == yaml)
        #expect(try Data(contentsOf: fixture.url("archive.sqlite")) == archive)
        #expect(FullSite.tree(fixture.url("public")) == site)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.root.path).filter { $0.contains(".stage-") }.isEmpty,
                "the trial's scratch folder is gone")
    }

    @Test("stage 2024 入围 sets published: in that line alone, builds, and lists the entries public for the first time")
    func publish() throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try SiteFixture(Self.site())
        defer { fixture.cleanUp() }
        #expect(try QCSiteBinary.run(["build"], in: fixture.root).status == 0)
        let before = try #require(fixture.read("content/years/2024/competition.yaml"))

        let run = try QCSiteBinary.run(["stage", "2024", "入围"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("2024年：公布阶段 报名（registration） → 入围（shortlist）"), "\(run.stdout)")
        #expect(run.stdout.contains("已把 content/years/2024/competition.yaml 第 5 行 改为 published: shortlist"))
        #expect(run.stdout.contains("首次公开的成果 3 项：\n    2024-001  降低基站退服时长"))
        let after = try #require(fixture.read("content/years/2024/competition.yaml"))
        #expect(after == before.replacingOccurrences(of: "published: registration   # 当前阶段", with: "published: shortlist   # 当前阶段"))
        #expect(fixture.read("public/2024/shortlist/index.html")?.contains("研发一种光缆快速定位装置") == true)

        let again = try QCSiteBinary.run(["stage", "2024", "shortlist", "--dry-run"], in: fixture.root)
        #expect(again.status == 0)
        #expect(again.stdout.contains("网站没有变化"), "\(again.stdout)")
    }

    @Test("A stage without its data, with unhandled findings, or by an unknown name changes nothing")
    func refused() throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try SiteFixture(Self.site())
        defer { fixture.cleanUp() }
        #expect(try QCSiteBinary.run(["build"], in: fixture.root).status == 0)
        let yaml = try Data(contentsOf: fixture.url("content/years/2024/competition.yaml"))
        let site = FullSite.tree(fixture.url("public"))

        let results = try QCSiteBinary.run(["stage", "2024", "结果"], in: fixture.root)
        #expect(results.status == 2)
        #expect(results.stderr.contains("2024年公布到「结果」") && results.stderr.contains("scores/onsite.csv"), "\(results.stderr)")

        let unknown = try QCSiteBinary.run(["stage", "2024", "颁奖"], in: fixture.root)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("阶段「颁奖」无法识别"), "\(unknown.stderr)")

        try fixture.write("content/years/2024/registrations.csv", StageGuardTests.siteWithFinding()["content/years/2024/registrations.csv"]!)
        let findings = try QCSiteBinary.run(["stage", "2024", "shortlist"], in: fixture.root)
        #expect(findings.status == 1)
        #expect(findings.stdout.contains("有未处理的错误级检查结果，未公布"), "\(findings.stdout)")

        #expect(try Data(contentsOf: fixture.url("content/years/2024/competition.yaml")) == yaml)
        #expect(FullSite.tree(fixture.url("public")) == site)
    }

    @Test("The edit keeps the file's habits: Chinese names, CRLF, comments; a missing key goes before stages:")
    func editedFile() throws {
        let chinese = "year: 2025\r\n# 阶段\r\npublished: 报名 # 注释\r\nrules: {}\r\n"
        let missing = "year: 2025\ntitle: 竞赛\nstages:\n  registration: {until: 2025-08-29}\n"
        let fixture = try SiteFixture(["content/years/2025/competition.yaml": chinese, "content/years/2024/competition.yaml": missing],
                                      withTheme: false)
        defer { fixture.cleanUp() }
        let first = try CompetitionFile(contentDirectory: fixture.url("content"), contentDisplayPath: "content", year: 2025)
        #expect(first.published == .registration && first.publishedLine == 3)
        #expect(String(decoding: try first.settingPublished(.shortlist), as: UTF8.self)
                == "year: 2025\r\n# 阶段\r\npublished: 入围 # 注释\r\nrules: {}\r\n")
        let second = try CompetitionFile(contentDirectory: fixture.url("content"), contentDisplayPath: "content", year: 2024)
        #expect(second.publishedLine == nil)
        #expect(String(decoding: try second.settingPublished(.review), as: UTF8.self)
                == "year: 2025\ntitle: 竞赛\npublished: review\nstages:\n  registration: {until: 2025-08-29}\n")
        // A file of plain lines only, without a final line break: its text before the edit and
        // after it are composed different ways (the plain lines' own path, and Yams), and must
        // still read the same apart from published (a number, a date, a null among them).
        for plain in ["year: 2026\ntitle: 2026年竞赛", "year: 2026\nissued: 2026-08-15\nnote: null\npublished: \"registration\""] {
            try fixture.write("content/years/2026/competition.yaml", plain)
            let third = try CompetitionFile(contentDirectory: fixture.url("content"), contentDisplayPath: "content", year: 2026)
            let edited = String(decoding: try third.settingPublished(.review), as: UTF8.self)
            #expect(edited.contains("published: review"), "\(plain.debugDescription) → \(edited.debugDescription)")
        }
    }
}
