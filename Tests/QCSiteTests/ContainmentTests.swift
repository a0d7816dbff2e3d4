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

/// Nothing outside `content/` and the theme is read, nothing outside the output folder written:
/// attachments are plain paths inside the content, and symbolic links may not lead out.
@Suite("Reading and writing only inside the site")
struct ContainmentTests {
    func importLines(_ fixture: SiteFixture) async throws -> [String] {
        try await inputErrorLines(offPool: {
            _ = try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content", archivePath: fixture.paths.archive)
        })
    }

    @Test("An attachment outside the content folder, or with .. in its path, is an error at its front-matter line",
          arguments: ["../../../etc/passwd", "../archive.sqlite", "years/../../secret.txt", "/etc/passwd", "years/2024/files/.htaccess"])
    func attachmentOutside(path: String) async throws {
        let fixture = try SiteFixture(FullSite.files())
        defer { fixture.cleanUp() }
        _ = try await blocking { try SiteBuilder(paths: fixture.paths).build() }
        try fixture.write("secret.txt", "outside the content")
        try fixture.write("content/years/2024/files/.htaccess", "Options +Indexes")
        try fixture.write("content/notices/2024-08-15-start.md", FullSite.notice.replacingOccurrences(of: "years/2024/files/报名表.txt", with: path))
        let lines = try await importLines(fixture)
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.hasPrefix("content/notices/2024-08-15-start.md:7: 附件「\(path)」") == true, "\(lines)")
        #expect(!FullSite.tree(fixture.url("public")).keys.contains { $0.hasSuffix("secret.txt") || $0.hasSuffix("passwd") })
    }

    @Test("An attachment that is a link out of the content is an error; a link inside it is followed")
    func attachmentLinks() async throws {
        let fixture = try SiteFixture(FullSite.files(attachment: "years/2024/files/os.txt"))
        defer { fixture.cleanUp() }
        try fixture.write("outside.txt", "outside the content")
        try FileManager.default.createSymbolicLink(atPath: fixture.url("content/years/2024/files/os.txt").path,
                                                   withDestinationPath: fixture.url("outside.txt").path)
        let lines = try await importLines(fixture)
        let problem = "content/years/2024/files/os.txt: 符号链接指向 content 之外的 \(fixture.url("outside.txt").resolvingSymlinksInPath().path) "
            + "(a link leaving the folder)；qcsite 只读取 content 中的文件：请把需要的文件复制进来，替换这个链接"
        #expect(lines.contains("content/notices/2024-08-15-start.md:7: 附件「years/2024/files/os.txt」：" + problem), "\(lines)")
        #expect(lines.allSatisfy { $0.hasSuffix(problem) }, "\(lines)")

        try fixture.remove("content/years/2024/files/os.txt")
        try FileManager.default.createSymbolicLink(atPath: fixture.url("content/years/2024/files/os.txt").path, withDestinationPath: "报名表.txt")
        _ = try await blocking { try SiteBuilder(paths: fixture.paths).build() }
        #expect(fixture.read("public/2024/files/os.txt") == "报名表内容\n")
    }

    @Test("Pages, write-ups and theme files that are links out of their folder are errors, and nothing of them is published",
          arguments: ["content/pages/evil.md", "content/years/2024/writeups/2024-002.md", "themes/default/static/os.txt"])
    func linksOut(path: String) async throws {
        let fixture = try SiteFixture(FullSite.files())
        defer { fixture.cleanUp() }
        try FileManager.default.createSymbolicLink(atPath: fixture.url(path).path, withDestinationPath: "/etc/passwd")
        let lines = try await inputErrorLines(offPool: { _ = try SiteBuilder(paths: fixture.paths).build() })
        #expect(lines.count == 1 && lines[0].contains("\(path): 符号链接指向"), "\(lines)")
        #expect(lines.first?.contains("之外的 /etc/passwd") == true)
        #expect(!FileManager.default.fileExists(atPath: fixture.url("public").path))
    }

    @Test("An archived attachment path that leads out (from an earlier import) is refused at render, naming the notice")
    func renderRefusesArchivedPath() throws {
        let fixture = try SiteFixture(FullSite.files())
        defer { fixture.cleanUp() }
        try fixture.write("secret.txt", "outside the content")
        let theme = try Theme.load(fixture.url("themes/default"), displayPath: "themes/default")
        for file in ["../secret.txt", "years/../../secret.txt"] {
            let notice = Notice(slug: "n", title: "通知", date: "2024-08-15", year: nil, summary: "", markdown: "正文",
                                attachments: [Notice.Attachment(title: "x", file: file)], sourcePath: "content/notices/n.md")
            let snapshot = ArchiveSnapshot(registry: Registry(enterprises: [], aliases: []),
                                           writing: Writing(notices: [notice], pages: []), years: [])
            let renderer = SiteRenderer(config: SiteConfig(), urls: SiteURLs(baseURL: "/"), theme: theme,
                                        record: PublicRecord(snapshot: snapshot, standings: [:], settings: SiteConfig()),
                                        contentDirectory: fixture.url("content"))
            let lines = inputErrorLines { _ = try renderer.render() }
            #expect(lines.count == 1 && lines[0].hasPrefix("content/notices/n.md: 附件「\(file)」"), "\(lines)")
        }
    }

    @Test("Attachment paths publish under their year or files/, built from plain names only")
    func outputPaths() {
        var problem = ""
        #expect(AttachmentPath("years/2024/files/报名表.docx", problem: &problem)?.output == "2024/files/报名表.docx")
        #expect(AttachmentPath("notices/附件.pdf", problem: &problem)?.output == "files/附件.pdf")
        for bad in ["", "a//b", "./a", "a/../b", "a\\b", "/a", "years/2024/.hidden"] {
            #expect(AttachmentPath(bad, problem: &problem) == nil, "\(bad)")
        }
    }
}
