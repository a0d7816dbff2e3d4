import Foundation
import Testing
import GRDB
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

/// An archive written before the records were typed (schema v2: rules, attachments and the
/// notices' front matter as JSON text) opens, migrates in place, and reads back whole.
@Suite("Archive migration")
struct ArchiveMigrationTests {
    static let fixture = SiteFixture.repository.appendingPathComponent("Tests/QCSiteTests/Fixtures/archive-v2.sqlite")

    func migratedCopy() throws -> (SiteFixture, ArchiveDatabase) {
        let site = try SiteFixture(withTheme: false)
        try FileManager.default.copyItem(at: Self.fixture, to: site.url("archive.sqlite"))
        return (site, try ArchiveDatabase(path: site.paths.archive))
    }

    @Test("Every row of a v2 archive reads back, with its JSON columns decoded")
    func readsBackWhole() throws {
        let (site, archive) = try migratedCopy()
        defer { site.cleanUp() }
        let snapshot = try archive.snapshot()
        let raw = try DatabaseQueue(path: site.paths.archive)
        func count(_ table: String) throws -> Int { try raw.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)")! } }
        #expect(snapshot.years.count == (try count("competition")))
        #expect(snapshot.years.flatMap(\.registrations).count == (try count("registration")))
        #expect(snapshot.years.flatMap(\.people).count == (try count("registration_person")))
        #expect(snapshot.years.flatMap(\.materials).count == (try count("registration_material")))
        // People and materials were moved to tables without a rowid, every row kept.
        var readOnly = Configuration()
        readOnly.readonly = true
        let before = try DatabaseQueue(path: Self.fixture.path, configuration: readOnly)
        for table in ["registration_person", "registration_material"] {
            let rows = "SELECT * FROM \(table) ORDER BY 1, 2, 3"
            #expect(try before.read { try Row.fetchAll($0, sql: rows) } == (try raw.read { try Row.fetchAll($0, sql: rows) }), "\(table)")
            #expect(throws: DatabaseError.self, "\(table) has no rowid") {
                try raw.read { _ = try Row.fetchAll($0, sql: "SELECT rowid FROM \(table)") }
            }
        }
        #expect(snapshot.years.flatMap(\.sheets).count == (try count("score_sheet")))
        // A judge or registration deleted with its year deletes its sheets by key, not by reading
        // every sheet of the year.
        for (column, index) in [("judge", "score_sheet_judge"), ("registration_id", "score_sheet_registration")] {
            let plan = try raw.read {
                try Row.fetchAll($0, sql: "EXPLAIN QUERY PLAN SELECT id FROM score_sheet WHERE year = 2024 AND \(column) = 'x'")
            }.map { $0["detail"] as String }
            #expect(plan.contains { $0.contains("\(index) (year=? AND \(column)=?)") }, "\(plan)")
        }
        // A year's write-ups without their Markdown (a rebuild's unchanged years) are read from
        // an index of their own, not from the table's pages.
        let plan = try raw.read {
            try Row.fetchAll($0, sql: "EXPLAIN QUERY PLAN " + RegistrationRows.writeupsQuery(text: false), arguments: [2024])
        }.map { $0["detail"] as String }
        #expect(plan == ["SEARCH writeup USING COVERING INDEX writeup_head (year=?)"], "\(plan)")
        #expect(snapshot.years.flatMap(\.sheets).flatMap(\.items).count == (try count("score_item")))
        #expect(snapshot.years.flatMap(\.applications).count == (try count("application")))
        // Each write-up was given the digest and blankness its Markdown gives it, and read without
        // its Markdown, it reads that Markdown back by them.
        let writeups = snapshot.years.flatMap(\.writeups)
        #expect(writeups.count == (try count("writeup")) && !writeups.isEmpty)
        for writeup in writeups {
            let markdown = try #require(writeup.markdown)
            #expect(writeup == Writeup(year: writeup.year, registrationId: writeup.registrationId, title: writeup.title,
                                       markdown: markdown, sourcePath: writeup.sourcePath))
        }
        let left = try archive.snapshot(reusing: [:], leavingWriteups: true).years.flatMap(\.writeups)
        #expect(left.allSatisfy { $0.markdown == nil } && left == writeups)
        #expect(try left.map { try $0.text() } == writeups.map(\.markdown!))
        #expect(snapshot.writing.notices.count == (try count("notice")))
        #expect(snapshot.registry.enterprises.count == (try count("enterprise")))
        #expect(snapshot.years.flatMap(\.sheets).allSatisfy { !$0.sheet.hasItems || !$0.items.isEmpty })

        // Extras and rules come back as the JSON text held them.
        let extras = try raw.read { try Row.fetchAll($0, sql: "SELECT year, id, extra_json FROM registration") }
        for row in extras {
            let registration = try #require(snapshot.year(row["year"])?.registrations.first { $0.id == row["id"] as String })
            let stored = try JSONDecoder().decode([String: String].self, from: Data((row["extra_json"] as String).utf8))
            #expect(registration.extra == stored)
        }
        let rules = try raw.read { try Row.fetchAll($0, sql: "SELECT year, rules_json FROM competition") }
        for row in rules {
            let stored = try JSONDecoder().decode(CompetitionRules.self, from: Data((row["rules_json"] as String).utf8))
            #expect(snapshot.year(row["year"])?.competition.rules == stored)
        }

        // The front matter's draft and stage became columns.
        let notices = Dictionary(uniqueKeysWithValues: snapshot.writing.notices.map { ($0.slug, $0) })
        #expect(notices["2025-09-01-draft"]?.draft == true, "draft: on")
        #expect(notices.values.filter(\.draft).count == 1)
        #expect(notices["2025-09-30-results"]?.stage == .results)
        #expect(notices["2024-09-06-shortlist"]?.stage == .shortlist)
        #expect(notices["2024-08-15-competition"]?.stage == nil)
        #expect(notices["2024-08-15-competition"]?.attachments.map(\.file)
                == ["years/2024/files/2024年全省全面质量管理成果竞赛推荐条件与要求.pdf", "years/2024/files/2024年全省全面质量管理成果竞赛活动报名表.docx"])
    }

    @Test("A notice written `draft: on` stays off the site, its page, the feed and the search")
    func draftOn() throws {
        var files = SiteFixture.minimal(year: 2024, rows: [])
        files["content/notices/2024-09-01-draft.md"] = "---\ntitle: 草稿通知\ndate: 2024-09-01\ndraft: on\n---\n草稿正文\n"
        files["content/notices/2024-09-02-public.md"] = "---\ntitle: 公开通知\ndate: 2024-09-02\ndraft: off\n---\n正文\n"
        let site = try SiteFixture(files)
        defer { site.cleanUp() }
        _ = try SiteBuilder(paths: site.paths).build()
        #expect(!FileManager.default.fileExists(atPath: site.url("public/notices/2024-09-01-draft").path))
        #expect(FileManager.default.fileExists(atPath: site.url("public/notices/2024-09-02-public/index.html").path))
        for file in ["index.html", "notices/index.html", "feed.xml", "search/index.json"] {
            #expect(!(site.read("public/" + file) ?? "").contains("草稿通知"), "\(file) shows the draft")
        }
    }

    @Test("A notice with an unknown front-matter key or a flag that is no flag is an input error at its line")
    func typedFrontMatter() throws {
        var files = SiteFixture.minimal(year: 2024, rows: [])
        files["content/notices/2024-09-01-a.md"] = "---\ntitle: 通知\ndate: 2024-09-01\ndarft: true\n---\n正文\n"
        files["content/notices/2024-09-02-b.md"] = "---\ntitle: 通知\ndate: 2024-09-02\ndraft: maybe\n---\n正文\n"
        files["content/notices/2024-09-03-c.md"] = "---\ntitle: 通知\ndate: 2024-09-03\nyear: 2024\nstage: 入围\n---\n正文\n"
        let site = try SiteFixture(files, withTheme: false)
        defer { site.cleanUp() }
        let lines = inputErrorLines {
            _ = try Importer.run(contentDirectory: site.url("content"), displayPath: "content", archivePath: site.paths.archive)
        }
        #expect(lines.contains { $0.hasPrefix("content/notices/2024-09-01-a.md:4:") && $0.contains("darft") })
        #expect(lines.contains { $0.hasPrefix("content/notices/2024-09-02-b.md:4:") })
        #expect(!lines.contains { $0.contains("2024-09-03-c.md") }, "a stage may be written in Chinese")
    }
}
