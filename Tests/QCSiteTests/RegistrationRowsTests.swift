import Foundation
import Testing
import GRDB
@testable import Archive
@testable import Rules

/// Registrations, people, materials and write-ups are written in batches and read back by column
/// position: every field must come back as it went in, whatever the batch boundaries.
@Suite("Archive: registration rows")
struct RegistrationRowsTests {
    @Test("A year of registrations, people, materials and write-ups reads back equal", arguments: [1, 63, 64, 65, 200])
    func roundTrip(count: Int) throws {
        let registry = Registry(enterprises: [Enterprise(id: "ent-a", name: "示例甲"), Enterprise(id: "ent-b", name: "示例乙")],
                                aliases: [])
        var year = YearRecords(competition: Competition(year: 2024, title: "2024", published: .results,
                                                        rules: CompetitionRules(), sourcePath: "c.yaml"))
        let statuses: [EntryStatus] = [.active, .withdrawn, .disqualified]
        for i in 0..<count {
            let id = String(format: "2024-%03d", i)
            year.registrations.append(Registration(
                year: 2024, id: id, enterpriseId: i % 2 == 0 ? "ent-a" : "ent-b", enterpriseNameAsWritten: "示例 \(i)",
                groupName: "第\(i)小组", title: "降低基站退服率\(i)", type: "问题解决型", tutor: i % 3 == 0 ? "" : "导师",
                registeredOn: i % 4 == 0 ? nil : "2024-08-20", contact: "联系人", phone: "138-0000-\(i)", email: "a@b.c",
                address: "地址", postcode: "030000", status: statuses[i % 3],
                extra: i % 5 == 0 ? ["备注": "首次参赛", "a\"b": "引号\"与\\反斜杠"] : [:],
                sourcePath: "content/years/2024/registrations.csv", sourceLine: i + 2))
            year.people.append(RegistrationPerson(year: 2024, registrationId: id, role: .member, position: 1, name: "王芳"))
            year.people.append(RegistrationPerson(year: 2024, registrationId: id, role: .presenter, position: 1, name: "张伟"))
            year.materials.append(RegistrationMaterial(year: 2024, registrationId: id, material: "成果报告"))
            year.materials.append(RegistrationMaterial(year: 2024, registrationId: id, material: "推荐表PDF"))
            if i % 7 != 3 {
                year.writeups.append(Writeup(year: 2024, registrationId: id, title: i % 2 == 0 ? nil : "成果\(i)",
                                             markdown: i % 11 == 0 ? "" : "## 小组简介\n\n第\(i)小组。\r\n" + String(repeating: "甲", count: i),
                                             sourcePath: "content/years/2024/writeups/\(id).md"))
            }
        }
        let archive = try ArchiveDatabase()
        try archive.replace(registry: registry, writing: Writing(notices: [], pages: []), years: [year])
        let read = try #require(try archive.snapshot().year(2024))
        #expect(read.registrations == year.registrations)
        #expect(read.people == year.people.sorted { ($0.registrationId, $0.role.rawValue) < ($1.registrationId, $1.role.rawValue) })
        #expect(read.materials == year.materials.sorted { ($0.registrationId, $0.material) < ($1.registrationId, $1.material) })
        #expect(read.writeups == year.writeups)
    }

    @Test("Rows read straight from SQLite: text repaired as GRDB repairs it, NULL read as none where a value may be missing and an archive error where one is required")
    func statementRows() throws {
        let queue = try DatabaseQueue()
        try queue.read { db in
            let rows = try StatementRows(db, sql: "SELECT ?, CAST(x'61FF62' AS TEXT), '', NULL AS title, NULL AS position, CAST(x'610062' AS TEXT)",
                                         arguments: [7])
            #expect(try rows.next())
            #expect(try rows.integer(0) == 7)
            #expect(try rows.text(1) == (try String.fetchOne(db, sql: "SELECT CAST(x'61FF62' AS TEXT)")))
            #expect(try rows.text(1) == "a\u{FFFD}b")
            #expect(try rows.text(2) == "" && rows.optionalText(2) == "")
            #expect(rows.optionalText(3) == nil)
            #expect(throws: ArchiveError.self) { try rows.text(3) }
            #expect(throws: ArchiveError.self) { try rows.integer(4) }
            do {
                _ = try rows.text(3)
            } catch let error as ArchiveError {
                #expect(error.message.contains("「title」为空") && error.message.contains("archive-backups"))
            }
            #expect(try rows.text(5) == (try String.fetchOne(db, sql: "SELECT CAST(x'610062' AS TEXT)")), "up to a NUL, as GRDB reads it")
            #expect(try !rows.next())
        }
    }

    @Test("A year's registrations read back in form order exactly as SQLite orders them by source line and id, written in any order, ids that Swift and SQLite order differently included")
    func formOrder() throws {
        var year = YearRecords(competition: Competition(year: 2024, title: "2024", published: .results,
                                                        rules: CompetitionRules(), sourcePath: "c.yaml"))
        // Rows written out of order, several on one line (the order must not depend on a form's
        // lines being distinct), and ids whose bytes order otherwise than Swift's strings do:
        // the Angstrom sign (bytes E2 84 AB) is Å to Swift and comes before Æ (C3 86).
        let rows: [(id: String, line: Int)] = [("2024-b", 3), ("2024-\u{212B}", 2), ("2024-a", 3), ("2024-\u{00C6}", 2),
                                               ("2024-é", 2), ("2024-10", 4), ("2024-9", 4), ("2024-甲", 2), ("2024-Z", 2)]
        for (n, row) in rows.enumerated() {
            year.registrations.append(Registration(
                year: 2024, id: row.id, enterpriseId: "ent-a", enterpriseNameAsWritten: "示例", groupName: "第\(n)小组",
                title: "题目\(n)", type: "问题解决型", tutor: "", registeredOn: nil, contact: "", phone: "", email: "",
                address: "", postcode: "", status: .active, extra: [:], sourcePath: "r.csv", sourceLine: row.line))
        }
        let archive = try ArchiveDatabase()
        try archive.replace(registry: Registry(enterprises: [Enterprise(id: "ent-a", name: "示例甲")], aliases: []),
                            writing: Writing(notices: [], pages: []), years: [year])
        let bySQLite = try archive.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM registration WHERE year = 2024 ORDER BY source_line, id")
        }
        #expect(try #require(try archive.snapshot().year(2024)).registrations.map(\.id) == bySQLite)
        #expect(bySQLite == ["2024-Z", "2024-\u{00C6}", "2024-é", "2024-\u{212B}", "2024-甲", "2024-a", "2024-b", "2024-10", "2024-9"])
    }

    @Test("Write-ups read without their Markdown read it back when asked, one by one and then the year at once; a text changed since is an error, never another text")
    func writeupTextsLeftInArchive() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        var year = Self.sampleYear(30)
        year.writeups[3].markdown = "\n  \n"
        let registry = Registry(enterprises: [Enterprise(id: "ent-a", name: "示例甲")], aliases: [])
        try ArchiveDatabase(path: fixture.paths.archive).replace(registry: registry, writing: Writing(notices: [], pages: []), years: [year])
        let archive = try ArchiveDatabase(readingFrom: fixture.paths.archive)
        let read = try #require(try archive.snapshot().year(2024)?.writeups)
        let left = try #require(try archive.snapshot(reusing: [:], leavingWriteups: true).year(2024)?.writeups)
        #expect(left == read && left.allSatisfy { $0.markdown == nil })
        #expect(left[3].blank && !left[4].blank, "blankness kept without the text")
        #expect(left.count > WriteupTexts.singly + 1)
        #expect(try left.map { try $0.text() } == read.map(\.markdown!), "read singly, then the rest of the year at once")
        // The archive written again since (by another command): the text no longer has its digest.
        let stale = try #require(try archive.snapshot(reusing: [:], leavingWriteups: true).year(2024)?.writeups)
        year.writeups[0].markdown! += "改过。"
        try ArchiveDatabase(path: fixture.paths.archive).replace(registry: registry, writing: Writing(notices: [], pages: []), years: [year])
        #expect(throws: ArchiveError.self) { try stale[0].text() }
        #expect(try stale[1].text() == read[1].markdown)
    }

    @Test("A status the archive cannot read is an archive error naming it, not a crash")
    func unreadableStatus() throws {
        let archive = try ArchiveDatabase()
        try archive.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "INSERT INTO enterprise (id, name) VALUES ('e', 'E')")
            try db.execute(sql: "INSERT INTO competition (year, title, published, source_path) VALUES (2024, 't', 'results', 'c')")
            try db.execute(sql: """
                INSERT INTO registration (year, id, enterprise_id, enterprise_name_as_written, group_name, title, type, status,
                source_path, source_line) VALUES (2024, 'x', 'e', 'E', 'g', 't', '问题解决型', 'lost', 'r.csv', 2)
                """)
        }
        #expect { try archive.snapshot() } throws: { "\($0)".contains("lost") }
    }

    /// A year of `count` registrations with people, materials, write-ups and a few awards.
    static func sampleYear(_ count: Int) -> YearRecords {
        var year = YearRecords(competition: Competition(year: 2024, title: "2024", published: .results,
                                                        rules: CompetitionRules(), sourcePath: "c.yaml"))
        for i in 0..<count {
            let id = String(format: "2024-%03d", i)
            year.registrations.append(Registration(
                year: 2024, id: id, enterpriseId: "ent-a", enterpriseNameAsWritten: "示例", groupName: "第\(i)小组",
                title: "降低基站退服率\(i)", type: "问题解决型", tutor: "", registeredOn: nil, contact: "", phone: "",
                email: "", address: "", postcode: "", status: .active, extra: [:],
                sourcePath: "content/years/2024/registrations.csv", sourceLine: i + 2))
            year.people.append(RegistrationPerson(year: 2024, registrationId: id, role: .presenter, position: 1, name: "张伟"))
            year.materials.append(RegistrationMaterial(year: 2024, registrationId: id, material: "成果报告"))
            year.writeups.append(Writeup(year: 2024, registrationId: id, title: nil, markdown: "第\(i)小组。",
                                         sourcePath: "content/years/2024/writeups/\(id).md"))
        }
        // Awards and a score sheet of the first registrations, which no round deletes.
        year.awards = (0..<3).map { Award(year: 2024, registrationId: year.registrations[$0].id, award: "一等奖", shortlisted: true, sourceLine: $0 + 2) }
        year.judges = [Judge(year: 2024, name: "评委甲", enterpriseId: nil, organisation: "", sourceLine: 2)]
        year.sheets = [ScoredSheet(sheet: ScoreSheet(year: 2024, round: .material, registrationId: year.registrations[0].id, judge: "评委甲",
                                                     total: 90, hasItems: true, sourcePath: "s.csv", sourceLine: 2),
                                   items: [ScoreItem(sheetId: 0, item: "选题", score: 9)])]
        return year
    }

    /// Edits a year as a corrected import would: rows changed, added and removed in every table.
    static func edit(_ year: inout YearRecords, round: Int, _ random: inout SeededRandom) {
        for _ in 0...random.next(below: 4) {
            let n = 3 + random.next(below: year.registrations.count - 3)  // never one with an award
            let id = year.registrations[n].id
            switch random.next(below: 9) {
            case 0: year.registrations[n].title += "（修订\(round)）"
            case 1: year.registrations[n].extra["备注"] = "第\(round)轮"
            case 2: year.registrations[n].status = .withdrawn
            case 3:  // removed with everything of it
                year.registrations.remove(at: n)
                year.people.removeAll { $0.registrationId == id }
                year.materials.removeAll { $0.registrationId == id }
                year.writeups.removeAll { $0.registrationId == id }
            case 4:
                let added = "2024-9\(round)\(random.next(below: 100))"
                guard !year.registrations.contains(where: { $0.id == added }) else { continue }
                var registration = year.registrations[n]
                registration.id = added
                year.registrations.append(registration)
                year.people.append(RegistrationPerson(year: 2024, registrationId: added, role: .member, position: 1, name: "王芳"))
                year.writeups.append(Writeup(year: 2024, registrationId: added, title: "新增", markdown: "新增。", sourcePath: "w.md"))
            case 5:
                if let i = year.people.firstIndex(where: { $0.registrationId == id }) { year.people[i].name += "华" }
                year.people.append(RegistrationPerson(year: 2024, registrationId: id, role: .member, position: 2 + round, name: "李强"))
            case 6:
                year.materials.removeAll { $0.registrationId == id }
                year.materials.append(RegistrationMaterial(year: 2024, registrationId: id, material: "PPT\(round)"))
            case 7:
                if let i = year.writeups.firstIndex(where: { $0.registrationId == id }) {
                    if random.next(below: 2) == 0 { year.writeups.remove(at: i) } else { year.writeups[i].markdown! += "补充\(round)。" }
                } else {
                    year.writeups.append(Writeup(year: 2024, registrationId: id, title: nil, markdown: "补写。", sourcePath: "w.md"))
                }
            default: year.competition.sourceFingerprint = "round \(round)"
            }
        }
    }

    /// Every row of the archive's year tables, in key order, as text: what two archives hold
    /// (score sheets without their ids, which count every sheet the archive ever held).
    static func rows(_ archive: ArchiveDatabase) throws -> [String] {
        try archive.read { db in
            var rows: [String] = []
            for (table, order) in [("competition", "year"), ("registration", "year, id"), ("registration_person", "year, registration_id, role, position"),
                                   ("registration_material", "year, registration_id, material"), ("writeup", "year, registration_id"),
                                   ("award", "year, registration_id"), ("judge", "year, name"), ("score_sheet", "year, registration_id, judge"),
                                   ("score_item", "item")] {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)") {
                    rows.append(table + " " + row.columnNames.filter { !($0 == "id" && table == "score_sheet") && $0 != "sheet_id" }
                        .map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: " "))
                }
            }
            return rows
        }
    }

    @Test("The rows that differ are those found by key alone, whether rows are kept in place, moved, changed, added or removed")
    func differenceByKey() {
        struct Row: Equatable { var key: Int; var value: Int }
        // Every row matched by its key: what `difference` gives without its common beginning and end.
        func byKey(_ old: [Row], _ new: [Row]) -> (removed: [Row], added: [Row]) {
            let kept = Dictionary(uniqueKeysWithValues: old.map { ($0.key, $0) })
            let same = Set(new.filter { kept[$0.key] == $0 }.map(\.key))
            return (old.filter { !same.contains($0.key) }, new.filter { kept[$0.key] != $0 })
        }
        var random = SeededRandom(seed: 19)
        for round in 0..<500 {
            let old = (0..<Int.random(in: 0...12, using: &random)).map { Row(key: $0, value: 0) }.shuffled(using: &random)
            var new = old
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                switch Int.random(in: 0...3, using: &random) {
                case 0 where !new.isEmpty: new[Int.random(in: 0..<new.count, using: &random)].value += 1
                case 1 where !new.isEmpty: new.remove(at: Int.random(in: 0..<new.count, using: &random))
                case 2: new.insert(Row(key: 100 + round, value: 0), at: Int.random(in: 0...new.count, using: &random))
                default: if new.count > 1 { new.swapAt(Int.random(in: 0..<new.count, using: &random), Int.random(in: 0..<new.count, using: &random)) }
                }
            }
            let found = RegistrationRows.difference(old, new) { $0.key }
            let expected = byKey(old, new)
            #expect(found.removed == expected.removed && found.added == expected.added, "round \(round): \(old) → \(new)")
        }
    }

    @Test("A year's people and materials put in the archive's order are the rows as the archive reads them back")
    func archiveOrder() throws {
        var year = Self.sampleYear(12)
        year.people = []
        year.materials = []
        // As a table gives them: each registration's presenters, then its members, and its
        // materials as written (Chinese, Latin and digits, which SQLite orders by their bytes).
        for (n, registration) in year.registrations.enumerated() {
            for (position, name) in ["王芳", "李强"].prefix(1 + n % 2).enumerated() {
                year.people.append(RegistrationPerson(year: 2024, registrationId: registration.id, role: .presenter, position: position + 1, name: name))
            }
            for position in 1..<(1 + n % 4) {
                year.people.append(RegistrationPerson(year: 2024, registrationId: registration.id, role: .member, position: position, name: "成员\(position)"))
            }
            for material in ["成果报告", "PPT", "附件2", "Word", "附件10"].prefix(n % 6) {
                year.materials.append(RegistrationMaterial(year: 2024, registrationId: registration.id, material: material))
            }
        }
        let archive = try ArchiveDatabase()
        try archive.replace(registry: Registry(enterprises: [Enterprise(id: "ent-a", name: "示例甲")], aliases: []),
                            writing: Writing(notices: [], pages: []), years: [year])
        let read = try #require(try archive.snapshot().year(2024))
        #expect(RegistrationRows.inArchiveOrder(year.people) == read.people)
        #expect(RegistrationRows.inArchiveOrder(year.materials) == read.materials)
        #expect(year.people != read.people && year.materials != read.materials)  // (the table's order is another)
    }

    @Test("A year archived again is changed by the rows that differ, and holds what writing it whole gives")
    func changedByDifferingRows() throws {
        let registry = Registry(enterprises: [Enterprise(id: "ent-a", name: "示例甲")], aliases: [])
        let none = Writing(notices: [], pages: [])
        var year = Self.sampleYear(150)
        let archive = try ArchiveDatabase()
        try archive.replace(registry: registry, writing: none, years: [year])
        var random = SeededRandom(seed: 7)
        for round in 1...20 {
            Self.edit(&year, round: round, &random)
            let before = try archive.write { $0.totalChangesCount }
            try archive.replace(registry: registry, writing: none, years: [year])
            let changes = try archive.write { $0.totalChangesCount } - before
            let whole = try ArchiveDatabase()
            try whole.replace(registry: registry, writing: none, years: [year])
            #expect(try Self.rows(archive) == Self.rows(whole), "round \(round)")
            #expect(try archive.snapshot().year(2024) == whole.snapshot().year(2024), "round \(round)")
            // The registry's one enterprise is written again each time; the year's 600-odd rows are not.
            #expect(changes < 40, "round \(round): \(changes) rows written")
        }

        // A part besides the registrations changed: the year is written whole, as before.
        year.awards.removeLast()
        let before = try archive.write { $0.totalChangesCount }
        try archive.replace(registry: registry, writing: none, years: [year])
        #expect(try archive.write { $0.totalChangesCount } - before > 600)
        let whole = try ArchiveDatabase()
        try whole.replace(registry: registry, writing: none, years: [year])
        #expect(try Self.rows(archive) == Self.rows(whole))

        // A registration dropped while an award still names it: refused, as writing the year
        // whole refuses it, never its award deleted with it; the archive stays as it was.
        let held = try Self.rows(archive)
        var dropped = year
        dropped.registrations.removeFirst()
        #expect(throws: (any Error).self) { try archive.replace(registry: registry, writing: none, years: [dropped]) }
        #expect(try Self.rows(archive) == held)
    }
}
