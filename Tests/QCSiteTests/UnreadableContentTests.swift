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

/// A folder or file that cannot be listed or read is an input error naming it, never "nothing
/// there": an import that took it for empty would delete that data from the archive.
@Suite("Unreadable content", .serialized)
struct UnreadableContentTests {
    /// A fixture imported once (by the user the binary runs as), with its counts.
    func importedSite() async throws -> (SiteFixture, [String: Int]) {
        let fixture = try SiteFixture(FullSite.files())
        let first = try await Unprivileged.run(["build"], in: fixture)
        #expect(first.status == 0, "\(first.stderr)")
        let counts = try FullSite.counts(fixture.paths.archive)
        #expect(counts == ["notices": 1, "pages": 1, "writeups": 1, "sheets": 4])
        return (fixture, counts)
    }

    @Test("An unreadable notices/, pages/, writeups/ or scores/ folder, or write-up, stops the import, named, with what to do about it and nothing removed",
          arguments: ["content/notices", "content/pages", "content/years/2024/writeups", "content/years/2024/scores",
                      "content/years/2024/writeups/2024-001.md"])
    func unreadableFolder(folder: String) async throws {
        try #require(QCSiteBinary.isBuilt)
        let (fixture, counts) = try await importedSite()
        defer { fixture.cleanUp() }
        let site = FullSite.tree(fixture.url("public"))
        Unprivileged.chmod(fixture, folder, 0o000)
        defer { Unprivileged.chmod(fixture, folder, 0o755) }

        for command in [["import"], ["import", "--force"], ["build"]] {
            let run = try await Unprivileged.run(command, in: fixture)
            #expect(run.status == 2, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("\(folder): 无法读取 (cannot read: Permission denied)；请检查权限"), "\(command): \(run.stderr)")
            #expect(try FullSite.counts(fixture.paths.archive) == counts, "\(command) removed archived data")
            #expect(FullSite.tree(fixture.url("public")) == site, "\(command) changed the published site")
        }
        #expect(FullSite.names(in: fixture.url("archive-backups"), prefix: "archive-").isEmpty, "a failed import takes no backup")
    }

    @Test("An unreadable layout.mustache stops the build, named, and the published site stays")
    func unreadableTemplate() async throws {
        try #require(QCSiteBinary.isBuilt)
        let (fixture, _) = try await importedSite()
        defer { fixture.cleanUp() }
        let site = FullSite.tree(fixture.url("public"))
        let layout = "themes/default/templates/layout.mustache"
        Unprivileged.chmod(fixture, layout, 0o000)
        let run = try await Unprivileged.run(["build"], in: fixture)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("\(layout): 无法读取"), "\(run.stderr)")
        #expect(FullSite.tree(fixture.url("public")) == site)
    }

    // Root reads a chmod 000 folder anyway; these cannot be read by anyone.

    @Test("A notices folder that is a broken link, or a scores folder that is a link loop, is an error and removes nothing")
    func brokenLinks() throws {
        let fixture = try SiteFixture(FullSite.files())
        defer { fixture.cleanUp() }
        let run = { try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content", archivePath: fixture.paths.archive) }
        _ = try run()
        let counts = try FullSite.counts(fixture.paths.archive)

        try fixture.remove("content/notices")
        try FileManager.default.createSymbolicLink(atPath: fixture.url("content/notices").path, withDestinationPath: "moved-away")
        try fixture.remove("content/years/2024/scores")
        try FileManager.default.createSymbolicLink(atPath: fixture.url("content/years/2024/scores").path, withDestinationPath: "scores")
        let lines = inputErrorLines { _ = try run() }
        #expect(lines.contains { $0.hasPrefix("content/notices: 符号链接指向不存在的位置或形成循环") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("content/years/2024/scores: 符号链接指向不存在的位置或形成循环") }, "\(lines)")
        #expect(try FullSite.counts(fixture.paths.archive) == counts)
    }

    @Test("A template that is a broken link is an error, not a missing template")
    func brokenTemplateLink() throws {
        let fixture = try SiteFixture(FullSite.files())
        defer { fixture.cleanUp() }
        let layout = "themes/default/templates/layout.mustache"
        try fixture.remove(layout)
        try FileManager.default.createSymbolicLink(atPath: fixture.url(layout).path, withDestinationPath: "layout-old.mustache")
        let lines = inputErrorLines { _ = try SiteBuilder(paths: fixture.paths).build() }
        #expect(lines == ["\(fixture.paths.themes)/default/templates/layout.mustache: 符号链接指向不存在的位置或形成循环 (a broken or looping link)；请删除它，或换成真正的文件"])
        #expect(!FileManager.default.fileExists(atPath: fixture.url("public").path))
    }

    @Test("A pipe or a folder where a file belongs is named; a hidden file is not content")
    func specialFiles() throws {
        let fixture = try SiteFixture(FullSite.files())
        defer { fixture.cleanUp() }
        #expect(mkfifo(fixture.url("content/pages/pipe.md").path, 0o644) == 0)
        try fixture.remove("content/years/2024/awards.csv")
        try FileManager.default.createDirectory(at: fixture.url("content/years/2024/awards.csv"), withIntermediateDirectories: false)
        try fixture.write("content/pages/.draft.md", "---\ntitle: 草稿\n---\n")
        let lines = inputErrorLines {
            _ = try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content", archivePath: fixture.paths.archive)
        }
        #expect(lines.contains("content/pages/pipe.md: 不是普通文件或文件夹（如管道、设备） (not a regular file)；请换成普通文件"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("content/years/2024/awards.csv: 这是文件夹，不是文件") }, "\(lines)")
        #expect(lines.count == 2, "\(lines)")
    }
}
