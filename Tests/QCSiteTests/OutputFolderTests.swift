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

/// Every build replaces the output folder whole: it may never be, hold or lie inside the
/// content, the themes, the archive or the working folder, and it must be a folder qcsite made.
@Suite("Output folder", .serialized)
struct OutputFolderTests {
    /// A site in `site/` of the fixture, so that `..` of the working folder is still the fixture.
    func nestedSite() throws -> SiteFixture {
        var files: [String: String] = [:]
        for (path, text) in SiteFixture.minimal(rows: ImportTests.goodRows) { files["site/" + path] = text }
        files["keep.txt"] = "beside the site"
        let fixture = try SiteFixture(files, withTheme: false)
        try FileManager.default.copyItem(at: SiteFixture.repository.appendingPathComponent("themes"), to: fixture.url("site/themes"))
        return fixture
    }

    @Test("--output ., content, themes, .., the backups folder or a folder holding the archive is refused, all problems at once",
          arguments: [
              (["--output", "."], 5), (["--output", "content"], 1), (["--output", "themes"], 1), (["--output", ".."], 5),
              (["--output", "content/years"], 1), (["--output", "archive-backups"], 1), (["--output", "x/../content"], 1),
              (["--archive", "public/archive.sqlite"], 2),
          ])
    func overlapping(arguments: [String], problems: Int) async throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try nestedSite()
        defer { fixture.cleanUp() }
        let site = fixture.url("site")
        let before = FullSite.tree(fixture.root)
        let run = try await QCSiteBinary.launch(["build"] + arguments, in: site)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains("共 \(problems) 处输入错误"), "\(arguments): \(run.stderr)")
        #expect(FullSite.tree(fixture.root) == before, "\(arguments) changed files")
    }

    @Test("A folder with files that qcsite did not make is never replaced; an empty one or its own output is")
    func foreignFolder() async throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try nestedSite()
        defer { fixture.cleanUp() }
        let site = fixture.url("site")
        try fixture.write("site/docs/README.md", "staff notes")
        let refused = try await QCSiteBinary.launch(["build", "--output", "docs"], in: site)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("docs: 输出文件夹中已有文件，却不是 qcsite 生成的（没有 .qcsite-output 标记）"), "\(refused.stderr)")
        #expect(fixture.read("site/docs/README.md") == "staff notes")

        try FileManager.default.createDirectory(at: fixture.url("site/empty"), withIntermediateDirectories: false)
        let empty = try await QCSiteBinary.launch(["build", "--output", "empty"], in: site)
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(fixture.read("site/empty/.qcsite-output") != nil, "every output carries the marker")
        try fixture.write("site/content/site.yaml", "title: 改名的竞赛\nbase_url: https://qc.example.org/\n")
        let again = try await QCSiteBinary.launch(["build", "--output", "empty"], in: site)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(fixture.read("site/empty/index.html")?.contains("改名的竞赛") == true)
    }

    @Test("Overlaps are found through symbolic links and for paths not yet there")
    func canonicalPaths() throws {
        let fixture = try nestedSite()
        defer { fixture.cleanUp() }
        try FileManager.default.createSymbolicLink(atPath: fixture.url("site/link").path, withDestinationPath: "content")
        var paths = SitePaths(content: "content", themes: "themes", archive: "archive.sqlite", output: "link/new/..")
        let working = fixture.url("site").path
        let lines = inputErrorLines { try OutputFolderRule.check(paths, workingDirectory: working) }
        #expect(lines.count == 1 && lines[0].hasPrefix("link/new/..: 输出文件夹就是内容文件夹 content"), "\(lines)")
        paths.output = "public"
        try OutputFolderRule.check(paths, workingDirectory: working)
        paths.output = "/"
        #expect(inputErrorLines { try OutputFolderRule.check(paths, workingDirectory: working) }.count == 5)
    }
}
