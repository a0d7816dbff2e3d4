import Foundation
import Testing
@testable import Archive
@testable import Publishing
@testable import SafePaths
@testable import SiteBuild

/// A first build renders from the records its import is writing while the archive is written on
/// another core. It must publish the very site, leave the very archive and say the very lines
/// a build that writes first does; and when the archive reads back otherwise than the build took
/// it to, the build is done again from the archive, saying each line once.
@Suite("First build rendered while its archive is written", .serialized)
struct WriteAsideTests {
    struct Built {
        var report: BuildReport
        var lines: [String]
        var files: [String: Data]
        var archive: ArchiveSnapshot
    }

    /// A first build of `site` into an archive and output of their own, in `mode`.
    static func build(_ site: SiteFixture, _ mode: WriteAside.Mode, name: String, allowFindings: Bool = false) throws -> Built {
        let paths = SitePaths(content: site.paths.content, themes: site.paths.themes,
                              archive: site.url("\(name).sqlite").path, output: site.url(name).path)
        let lines = HeldLines()
        var builder = SiteBuilder(paths: paths, allowFindings: allowFindings, log: lines.append)
        builder.writeAside = mode
        builder.today = { "2026-01-01" }
        let report = try builder.build()
        let files = FullSite.tree(site.url(name)).filter { $0.key != BuildRecord.fileName && $0.key != OutputFolderRule.marker }
        // (The lines name the output folder, which is each build's own.)
        return Built(report: report, lines: lines.lines.map { $0.replacingOccurrences(of: paths.output, with: "public") }, files: files, archive: try ArchiveDatabase(readingFrom: paths.archive).snapshot())
    }

    static func demoSite() throws -> SiteFixture {
        let site = try SiteFixture()
        try FileManager.default.copyItem(at: SiteFixture.repository.appendingPathComponent("content"), to: site.url("content"))
        return site
    }

    static func expectSame(_ built: Built, as first: Built, _ what: String) {
        #expect(built.files.count == first.files.count, "\(what): \(built.files.count) files, not \(first.files.count)")
        for (path, data) in first.files where built.files[path] != data {
            Issue.record("\(what): \(path) differs from the build that wrote the archive first")
        }
        #expect(built.archive.sameRecords(as: first.archive), "\(what): the archive differs")
        #expect(built.lines == first.lines, "\(what): the lines said differ")
        #expect(built.report.findings == first.report.findings)
        #expect(built.report.output?.written == first.report.output?.written)
    }

    @Test("The demo site: the same site, archive and lines as a build that writes first; the archive read back as written")
    func demoSite() throws {
        let site = try Self.demoSite()
        defer { site.cleanUp() }
        let first = try Self.build(site, .never, name: "first")
        #expect(!first.report.renderedWhileWriting)
        #expect(first.files.count > 50)

        let aside = try Self.build(site, .firstImport, name: "aside")
        // Every kind of record of the demo (registrations from XLSX and CSV, people, write-ups,
        // judges, score sheets with items, awards, applications, claims, publications, decisions)
        // reads back as the build took it to: else the build would be done twice, every time.
        #expect(aside.report.renderedWhileWriting)
        Self.expectSame(aside, as: first, "written aside")

        let disagreeing = try Self.build(site, .disagreeing, name: "disagreeing")
        #expect(!disagreeing.report.renderedWhileWriting)
        Self.expectSame(disagreeing, as: first, "done again from the archive")
    }

    @Test("A first build stopped by findings says them once, after the archive is written")
    func stoppedByFindings() throws {
        let site = try SiteFixture(StageGuardTests.siteWithFinding())
        defer { site.cleanUp() }
        let first = try Self.build(site, .never, name: "first")
        #expect(first.report.stoppedByFindings)
        for mode in [WriteAside.Mode.firstImport, .disagreeing] {
            let built = try Self.build(site, mode, name: "\(mode)")
            #expect(built.report.stoppedByFindings)
            #expect(built.report.renderedWhileWriting == (mode == .firstImport))
            #expect(built.lines == first.lines, "\(mode)")
            #expect(built.archive.sameRecords(as: first.archive), "\(mode)")
            #expect(built.files.isEmpty)
        }
    }

    @Test("An output whose archive was deleted: the archive is written again, and nothing else")
    func archiveDeleted() throws {
        let site = try Self.demoSite()
        defer { site.cleanUp() }
        _ = try SiteBuilder(paths: site.paths).build()
        let before = FullSite.tree(site.url("public"))
        try FileManager.default.removeItem(at: site.url("archive.sqlite"))
        let lines = HeldLines()
        let report = try SiteBuilder(paths: site.paths, log: lines.append).build()
        #expect(report.renderedWhileWriting)
        #expect(report.output?.written == 0)
        #expect(lines.lines.last?.hasPrefix("网站的内容、存档和主题自上次生成后都没有改动") == true, "\(lines.lines)")
        #expect(FullSite.tree(site.url("public")) == before)
    }
}
