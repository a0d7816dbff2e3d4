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
        var record: BuildRecord?
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
        return Built(report: report, lines: lines.lines.map { $0.replacingOccurrences(of: paths.output, with: "public") }, files: files,
                     archive: try ArchiveDatabase(readingFrom: paths.archive).snapshot(),
                     record: BuildRecord.read(in: site.url(name), files: false))
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
        // The keys of the inputs, taken from the records being written, are the archive's.
        #expect(built.record?.inputs != nil && built.record?.inputs == first.record?.inputs, "\(what)")
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

        // With timings, the write's own line is said once, and every step's.
        let timed = HeldLines()
        var builder = SiteBuilder(paths: SitePaths(content: site.paths.content, themes: site.paths.themes,
                                                   archive: site.url("timed.sqlite").path, output: site.url("timed").path), log: timed.append)
        builder.timings = true
        _ = try builder.build()
        #expect(timed.lines.filter { $0.hasPrefix("  archive write (aside): ") }.count == 1, "\(timed.lines)")
        #expect(timed.lines.filter { $0.hasPrefix("  publish: ") }.count == 1, "\(timed.lines)")

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

    @Test("An output whose archive was deleted: the archive is written again and nothing else; the next build reads nothing")
    func archiveDeleted() throws {
        let site = try Self.demoSite()
        defer { site.cleanUp() }
        // The content's stamps are trusted once it has settled.
        Thread.sleep(forTimeInterval: Double(InputStamps.settled) / 1e9 + 0.2)
        _ = try SiteBuilder(paths: site.paths).build()
        let published = { FullSite.tree(site.url("public")).filter { $0.key != BuildRecord.fileName } }
        let before = published()
        try FileManager.default.removeItem(at: site.url("archive.sqlite"))
        let lines = HeldLines()
        let report = try SiteBuilder(paths: site.paths, log: lines.append).build()
        #expect(report.renderedWhileWriting)
        #expect(report.output?.written == 0)
        #expect(lines.lines.last?.hasPrefix("网站的内容、存档和主题自上次生成后都没有改动") == true, "\(lines.lines)")
        #expect(published() == before)
        // Its record holds the archive's stamps as the write left them.
        let again = HeldLines()
        _ = try SiteBuilder(paths: site.paths, log: again.append).build()
        #expect(again.lines.first == "导入：内容、主题和存档自上次生成后都没有写过，无需读取", "\(again.lines)")
    }

    @Test("A first build whose archive cannot be written reports the write's error, and publishes and says nothing")
    func writeFails() throws {
        let site = try Self.demoSite()
        defer { site.cleanUp() }
        var errors: [String] = []
        for mode in [WriteAside.Mode.never, .firstImport] {
            let name = "\(mode)"
            // A folder where SQLite's write-ahead log must go: the archive cannot be written.
            try FileManager.default.createDirectory(at: site.url("\(name).sqlite-wal"), withIntermediateDirectories: true)
            let paths = SitePaths(content: site.paths.content, themes: site.paths.themes,
                                  archive: site.url("\(name).sqlite").path, output: site.url(name).path)
            let lines = HeldLines()
            var builder = SiteBuilder(paths: paths, log: lines.append)
            builder.writeAside = mode
            #expect(throws: StepError.self, "\(mode)") { try builder.build() }
            do { _ = try builder.build() } catch let error as StepError {
                #expect(error.step == "import", "\(mode): \(error)")
                errors.append(error.description.replacingOccurrences(of: name, with: "archive"))
            }
            #expect(lines.lines.isEmpty, "\(mode): \(lines.lines)")
            #expect(!FileManager.default.fileExists(atPath: paths.output), "\(mode)")
        }
        #expect(errors.count == 2 && errors[0] == errors[1], "\(errors)")
    }

    @Test("An empty archive reads back as ArchiveSnapshot(writtenToEmptyArchive:) says, in whatever order the records come")
    func writtenToEmptyArchive() throws {
        var random = SeededRandom(seed: 11)
        func year(_ y: Int, _ count: Int) -> YearRecords {
            var year = RegistrationRowsTests.sampleYear(count)
            year.competition.year = y
            year.registrations = year.registrations.map { var r = $0; r.year = y; r.id = "\(y)" + r.id.dropFirst(4); return r }
            let id = { (old: String) in "\(y)" + old.dropFirst(4) }
            year.people = year.people.map { var p = $0; p.year = y; p.registrationId = id(p.registrationId); return p }
            year.writeups = year.writeups.map { var w = $0; w.year = y; w.registrationId = id(w.registrationId); return w }
            year.awards = year.awards.map { var a = $0; a.year = y; a.registrationId = id(a.registrationId); return a }
            year.judges = year.judges.map { var j = $0; j.year = y; return j }
            // Materials whose text SQLite and Swift order differently: U+F900 is canonically U+8C48.
            year.materials = year.registrations.flatMap { r in
                ["成果报告", "\u{F900}料", "\u{8C48}料", "活动记录"].map { RegistrationMaterial(year: y, registrationId: r.id, material: $0) }
            }
            // Sheets of several judges, their items in no order.
            year.sheets = (0..<6).map { n in
                ScoredSheet(sheet: ScoreSheet(year: y, round: .material, registrationId: year.registrations[n].id, judge: "评委甲",
                                              total: Double(80 + n), hasItems: true, sourcePath: "s.csv", sourceLine: n + 2),
                            items: ["选题", "效果检查", "原因分析", "\u{F900}项"].shuffled(using: &random)
                                .map { ScoreItem(sheetId: 0, item: $0, score: 5) })
            }
            year.registrations.shuffle(using: &random)
            year.people.shuffle(using: &random)
            year.materials.shuffle(using: &random)
            year.writeups.shuffle(using: &random)
            year.awards.shuffle(using: &random)
            return year
        }
        let registry = Registry(enterprises: [Enterprise(id: "ent-b", name: "示例乙"), Enterprise(id: "ent-a", name: "示例甲")],
                                aliases: [EnterpriseAlias(alias: "示例\u{F900}", enterpriseId: "ent-a"),
                                          EnterpriseAlias(alias: "示例乙公司", enterpriseId: "ent-b"),
                                          EnterpriseAlias(alias: "示例\u{8C48}", enterpriseId: "ent-b")])
        let notices = ["b", "a", "c"].enumerated().map { n, slug in
            Notice(slug: slug, title: slug, date: n == 2 ? "2024-09-01" : "2024-08-15", year: 2024, summary: "", markdown: "",
                   sourcePath: "content/notices/\(slug).md")
        }
        let pages = ["z", "\u{F900}", "\u{8C48}x", "a"].map { Page(slug: $0, title: $0, markdown: "", sourcePath: "p.md") }
        let writing = Writing(notices: notices, pages: pages)
        let years = [year(2024, 40), year(2023, 30)]

        let archive = try ArchiveDatabase()
        try archive.replace(registry: registry, writing: writing, years: years)
        let read = try archive.snapshot()
        let taken = ArchiveSnapshot(writtenToEmptyArchive: registry, writing: writing, years: years)
        #expect(taken.sameRecords(as: read))
        // Element by element where they differ, and in byte order where Swift's `<` would not be.
        #expect(taken.registry.aliases.map(\.alias.utf8.count) == read.registry.aliases.map(\.alias.utf8.count))
        #expect(taken.writing.pages.map { Array($0.slug.utf8) } == read.writing.pages.map { Array($0.slug.utf8) })
        for (a, b) in zip(taken.years, read.years) {
            #expect(a.materials.map { Array($0.material.utf8) } == b.materials.map { Array($0.material.utf8) })
            #expect(a.sheets == b.sheets)
            #expect(a.registrations == b.registrations && a.people == b.people && a.writeups == b.writeups && a.awards == b.awards)
        }
    }
}
