import Foundation
import GRDB

/// Registrations, their people, their materials and their write-ups are the archive's most
/// numerous rows (a national year holds tens of thousands of each): they are written many rows
/// to a prepared statement, bound straight into SQLite, and read back by column position, not
/// through a record coder per row, which costs more than SQLite itself at that size.
enum RegistrationRows {
    /// The columns of `registration`, in the order `insert` binds and `registrations(year:in:)` reads them.
    private static let registrationColumns = """
        year, id, enterprise_id, enterprise_name_as_written, group_name, title, type, tutor, registered_on, \
        contact, phone, email, address, postcode, status, extra_json, source_path, source_line
        """

    /// Writes a year's registrations, people, materials and write-ups.
    static func insert(_ year: YearRecords, in db: Database) throws {
        let extras = ExtraColumns()
        try insert(year.registrations, into: "registration", columns: registrationColumns, in: db) { r, row in
            try row.bind(r.year)
            for text in [r.id, r.enterpriseId, r.enterpriseNameAsWritten, r.groupName, r.title, r.type, r.tutor] {
                try row.bind(text)
            }
            try row.bind(r.registeredOn)
            for text in [r.contact, r.phone, r.email, r.address, r.postcode, r.status.rawValue, try extras.json(r.extra), r.sourcePath] {
                try row.bind(text)
            }
            try row.bind(r.sourceLine)
        }
        try insert(year.people, into: "registration_person", columns: "year, registration_id, role, position, name", in: db) { p, row in
            try row.bind(p.year)
            try row.bind(p.registrationId)
            try row.bind(p.role.rawValue)
            try row.bind(p.position)
            try row.bind(p.name)
        }
        try insert(year.materials, into: "registration_material", columns: "year, registration_id, material", in: db) { m, row in
            try row.bind(m.year)
            try row.bind(m.registrationId)
            try row.bind(m.material)
        }
        try insert(year.writeups, into: "writeup", columns: "year, registration_id, title, markdown, source_path", in: db) { w, row in
            try row.bind(w.year)
            try row.bind(w.registrationId)
            try row.bind(w.title)
            try row.bind(w.markdown)
            try row.bind(w.sourcePath)
        }
    }

    /// Rows per INSERT statement: SQLite's work per statement (cursors opened, the statement
    /// reset) is paid once for these, well under its limit of 32,766 bound values.
    private static let batch = 64

    /// Inserts `rows` `batch` at a time; `bind` binds one row's values in `columns` order.
    private static func insert<Record>(_ rows: [Record], into table: String, columns: String, in db: Database,
                                       bind: (Record, inout StatementBinder) throws -> Void) throws {
        let count = columns.split(separator: ",").count
        let placeholders = "(" + Array(repeating: "?", count: count).joined(separator: ", ") + ")"
        var start = 0
        while start < rows.count {
            let end = min(start + batch, rows.count)
            let statement = try db.cachedStatement(sql: "INSERT INTO \(table) (\(columns)) VALUES "
                                                   + Array(repeating: placeholders, count: end - start).joined(separator: ", "))
            var binder = StatementBinder(statement)
            for row in rows[start..<end] { try bind(row, &binder) }
            try binder.execute()
            start = end
        }
    }

    /// A year's registrations in form order.
    static func registrations(year: Int, in db: Database) throws -> [Registration] {
        let extras = ExtraColumns()
        var result: [Registration] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(registrationColumns) FROM registration WHERE year = ? ORDER BY source_line, id
            """, arguments: [year])
        while let row = try rows.next() {
            result.append(Registration(
                year: row[0], id: row[1], enterpriseId: row[2], enterpriseNameAsWritten: row[3], groupName: row[4],
                title: row[5], type: row[6], tutor: row[7], registeredOn: row[8], contact: row[9], phone: row[10],
                email: row[11], address: row[12], postcode: row[13], status: try status(row[14]),
                extra: try extras.dictionary(row[15]), sourcePath: row[16], sourceLine: row[17]))
        }
        return result
    }

    /// A year's presenters and members, by registration, role and position.
    static func people(year: Int, in db: Database) throws -> [RegistrationPerson] {
        var result: [RegistrationPerson] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT year, registration_id, role, position, name FROM registration_person WHERE year = ?
            ORDER BY registration_id, role, position
            """, arguments: [year])
        while let row = try rows.next() {
            let roleName: String = row[2]
            guard let role = RegistrationPerson.Role(rawValue: roleName) else {
                throw ArchiveError("存档中的人员角色「\(roleName)」无法识别；请从 archive-backups/ 恢复备份")
            }
            result.append(RegistrationPerson(year: row[0], registrationId: row[1], role: role, position: row[3], name: row[4]))
        }
        return result
    }

    /// A year's materials, by registration and name.
    static func materials(year: Int, in db: Database) throws -> [RegistrationMaterial] {
        var result: [RegistrationMaterial] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT year, registration_id, material FROM registration_material WHERE year = ? ORDER BY registration_id, material
            """, arguments: [year])
        while let row = try rows.next() {
            result.append(RegistrationMaterial(year: row[0], registrationId: row[1], material: row[2]))
        }
        return result
    }

    /// A year's write-ups, by registration.
    static func writeups(year: Int, in db: Database) throws -> [Writeup] {
        var result: [Writeup] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT year, registration_id, title, markdown, source_path FROM writeup WHERE year = ? ORDER BY registration_id
            """, arguments: [year])
        while let row = try rows.next() {
            result.append(Writeup(year: row[0], registrationId: row[1], title: row[2], markdown: row[3], sourcePath: row[4]))
        }
        return result
    }

    private static func status(_ text: String) throws -> EntryStatus {
        guard let status = EntryStatus(rawValue: text) else {
            throw ArchiveError("存档中的报名状态「\(text)」无法识别；请从 archive-backups/ 恢复备份")
        }
        return status
    }
}
