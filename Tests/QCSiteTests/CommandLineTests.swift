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

/// Runs the built `qcsite` binary as staff do, checking its output and exit status.
@Suite("Command line", .serialized)
struct CommandLineTests {
    @Test("import of bad rows exits 2, names each row as registrations.csv:LINE, and keeps the archive")
    func importBadRows() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let fixture = try SiteFixture(SiteFixture.minimal(rows: ImportTests.goodRows))
        defer { fixture.cleanUp() }
        let first = try QCSiteBinary.run(["import"], in: fixture.root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.isEmpty, "progress goes to stderr")

        try fixture.write("content/years/2024/registrations.csv", ([SiteFixture.registrationHeader] + [
            "2024-001,示例甲通信,g,新课题,问题解决型,a、b,,2024-08-01,,,",
            "2024-002,无此单位,g,t,问题解决型,a、b,,2024-08-01,,,",
            "2024-001,示例甲通信,g,t2,问题解决型,a、b,,2024-13-01,,,",
        ]).joined(separator: "\n") + "\n")
        let second = try QCSiteBinary.run(["import"], in: fixture.root)
        #expect(second.status == 2)
        #expect(second.stderr.contains("content/years/2024/registrations.csv:3: "))
        #expect(second.stderr.contains("content/years/2024/registrations.csv:4: "))
        #expect(second.stderr.contains("存档保持原样"))

        let history = try QCSiteBinary.run(["history", "示例甲通信", "--format", "json"], in: fixture.root)
        #expect(history.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any]
        let years = json?["years"] as? [[String: Any]]
        let titles = (years?.first?["registrations"] as? [[String: Any]])?.compactMap { $0["title"] as? String }
        #expect(titles == ["降低基站退服时长"], "the archive still holds the first import")
        let eligibility = json?["eligibility"] as? [String: Any]
        #expect(Set(eligibility?.keys.map { $0 } ?? []) == ["for_year", "window", "awards_in_window", "meets_award_condition"])
    }

    @Test("build writes public/index.html and archive.sqlite; an unknown enterprise in history exits 2")
    func buildAndHistory() throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try SiteFixture(SiteFixture.minimal(rows: ImportTests.goodRows))
        defer { fixture.cleanUp() }
        let build = try QCSiteBinary.run(["build"], in: fixture.root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: fixture.url("public/index.html").path))
        #expect(FileManager.default.fileExists(atPath: fixture.url("archive.sqlite").path))
        let unknown = try QCSiteBinary.run(["history", "示例丙"], in: fixture.root)
        #expect(unknown.status == 2)
    }

    @Test("history and check without an archive exit 2, say to import first, and create nothing")
    func noArchive() throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try SiteFixture(SiteFixture.minimal(rows: ImportTests.goodRows))
        defer { fixture.cleanUp() }
        for arguments in [["history", "示例甲通信"], ["check"], ["check", "--format", "json"]] {
            let run = try QCSiteBinary.run(arguments, in: fixture.root)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains("no archive at archive.sqlite; run qcsite import first"), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: fixture.url("archive.sqlite").path), "\(arguments) created an archive")
        }
    }
}
