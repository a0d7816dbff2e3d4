import Foundation
import Testing
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
}
