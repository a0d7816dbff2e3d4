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

@Suite("Output")
struct OutputWriterTests {
    func inode(_ url: URL) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    @Test("Unchanged files keep their inode, changed ones are replaced, stale ones removed")
    func incremental() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let out = fixture.url("public")
        var files = ["index.html": Data("a".utf8), "2024/index.html": Data("b".utf8), "old.html": Data("c".utf8)]
        let first = try OutputWriter.publish(files, to: out)
        #expect(first.written == 3)
        let keep = try inode(out.appendingPathComponent("2024/index.html"))

        let again = try OutputWriter.publish(files, to: out)
        #expect(again == OutputSummary(written: 0, unchanged: 3, removed: 0))

        files["index.html"] = Data("a2".utf8)
        files["old.html"] = nil
        let third = try OutputWriter.publish(files, to: out)
        #expect(third == OutputSummary(written: 1, unchanged: 1, removed: 1))
        #expect(try inode(out.appendingPathComponent("2024/index.html")) == keep)
        #expect(fixture.read("public/index.html") == "a2")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("old.html").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.root.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test("A path that would leave the output folder is refused before anything is written")
    func pathsStayInside() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let out = fixture.url("site/public")
        for path in ["../evil.html", "a/../../evil.html", "/tmp/evil.html", "a//b.html"] {
            #expect(throws: InputErrors.self, "\(path)") { try OutputWriter.publish(["index.html": Data("a".utf8), path: Data("x".utf8)], to: out) }
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.url("site").path), "nothing written")
        #expect(!FileManager.default.fileExists(atPath: fixture.url("evil.html").path))
    }

    @Test("A build that fails on bad input leaves the published site untouched")
    func failedBuildKeepsSite() throws {
        let fixture = try SiteFixture(SiteFixture.minimal(rows: ImportTests.goodRows))
        defer { fixture.cleanUp() }
        _ = try SiteBuilder(paths: fixture.paths).build()
        let before = try Data(contentsOf: fixture.url("public/index.html"))
        try fixture.write("content/years/2024/registrations.csv", SiteFixture.registrationHeader + "\n2024-001,无此单位,g,t,问题解决型,a、b,,2024-08-01,,,\n")
        #expect(throws: InputErrors.self) { try SiteBuilder(paths: fixture.paths).build() }
        #expect(try Data(contentsOf: fixture.url("public/index.html")) == before)
    }
}
