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
    /// `conflict`: what a registration row does when the year already has its id (nothing: an error).
    static func insert(_ year: YearRecords, in db: Database, conflict: String = "") throws {
        let extras = ExtraColumns()
        try insert(year.registrations, into: "registration", columns: registrationColumns, in: db, conflict: conflict) { r, row in
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
        try insert(year.writeups, into: "writeup", columns: "year, registration_id, title, markdown, source_path, digest, blank, source",
                   in: db) { w, row in
            guard let markdown = w.markdown else { throw ArchiveError("成果材料 \(w.registrationId) 的正文未读入，无法写入存档") }
            try row.bind(w.year)
            try row.bind(w.registrationId)
            try row.bind(w.title)
            try row.bind(markdown)
            try row.bind(w.sourcePath)
            try row.bind(w.digest)
            try row.bind(w.blank ? 1 : 0)
            try row.bind(w.source)
        }
    }

    /// Brings a year's registrations, people, materials and write-ups from `archived` (as read
    /// from the archive) to `year`'s: rows in both stay, others are deleted or written. A changed
    /// registration is updated in place, so its people, write-up, award and score sheets stay
    /// (they are compared on their own); one deleted takes its rows of every table with it.
    static func change(from archived: YearRecords, to year: YearRecords, in db: Database) throws {
        let registrations = difference(archived.registrations, year.registrations) { $0.id }
        // (Put in the archive's order first, the rows both lists begin and end with are found the same.)
        let people = difference(archived.people, inArchiveOrder(year.people)) {
            PersonKey(registration: $0.registrationId, role: $0.role, position: $0.position)
        }
        let materials = difference(archived.materials, inArchiveOrder(year.materials)) { [$0.registrationId, $0.material] }
        let writeups = difference(archived.writeups, year.writeups) { $0.registrationId }
        // A write-up taken from the archive unread that is written again (shown from another
        // folder) has its Markdown read first: its row is deleted below.
        let writtenWriteups = try withTexts(writeups.added, in: db)
        // Children first: a registration deleted below would take them anyway.
        try delete(people.removed, from: "registration_person", where: "registration_id = ? AND role = ? AND position = ?", in: db) {
            try $1.bind($0.year)
            try $1.bind($0.registrationId)
            try $1.bind($0.role.rawValue)
            try $1.bind($0.position)
        }
        try delete(materials.removed, from: "registration_material", where: "registration_id = ? AND material = ?", in: db) {
            try $1.bind($0.year)
            try $1.bind($0.registrationId)
            try $1.bind($0.material)
        }
        try delete(writeups.removed, from: "writeup", where: "registration_id = ?", in: db) {
            try $1.bind($0.year)
            try $1.bind($0.registrationId)
        }
        let updated = Set(registrations.added.map(\.id))
        try delete(registrations.removed.filter { !updated.contains($0.id) }, from: "registration", where: "id = ?", in: db) {
            try $1.bind($0.year)
            try $1.bind($0.id)
        }
        var changed = YearRecords(competition: year.competition)
        (changed.registrations, changed.people, changed.materials, changed.writeups) =
            (registrations.added, people.added, materials.added, writtenWriteups)
        try insert(changed, in: db, conflict: " ON CONFLICT (year, id) DO UPDATE SET " + registrationColumns
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { $0 != "year" && $0 != "id" }.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
    }

    private struct PersonKey: Hashable {
        var registration: String
        var role: RegistrationPerson.Role
        var position: Int
    }

    /// The rows of `old` that `new` does not have as they are, and the rows of `new` that `old`
    /// does not have as they are, each in its list's order; rows are matched by `key` (unique in each).
    static func difference<Row: Equatable, Key: Hashable>(_ old: [Row], _ new: [Row], key: (Row) -> Key)
        -> (removed: [Row], added: [Row]) {
        // The rows both begin and end with, in the same places, are the same (a key is a row's
        // alone): a corrected row or two leaves a national year's thousands there, and only the
        // rows between are keyed.
        var (start, oldEnd, newEnd) = (0, old.count, new.count)
        while start < oldEnd && start < newEnd && old[start] == new[start] { start += 1 }
        while oldEnd > start && newEnd > start && old[oldEnd - 1] == new[newEnd - 1] { (oldEnd, newEnd) = (oldEnd - 1, newEnd - 1) }
        let (old, new) = (old[start..<oldEnd], new[start..<newEnd])
        var kept = [Key: Row](minimumCapacity: old.count)
        for row in old { kept[key(row)] = row }
        var added: [Row] = [], same = Set<Key>()
        for row in new {
            let k = key(row)
            if kept[k] == row { same.insert(k) } else { added.append(row) }
        }
        return (old.filter { !same.contains(key($0)) }, added)
    }

    /// A year's people in the order the archive reads them (`people(year:in:)`: by registration,
    /// role and position), from the order its table gives them (a registration's presenters, then
    /// its members), when the registrations come in the archive's order, as a table mostly lists them.
    static func inArchiveOrder(_ people: [RegistrationPerson]) -> [RegistrationPerson] {
        sortingRuns(people, of: \.registrationId) {
            $0.role.rawValue.utf8.lexicographicallyPrecedes($1.role.rawValue.utf8) || $0.role == $1.role && $0.position < $1.position
        }
    }

    /// A year's materials in the order the archive reads them (`materials(year:in:)`), from the
    /// order of its table, as `inArchiveOrder(_:)` people.
    static func inArchiveOrder(_ materials: [RegistrationMaterial]) -> [RegistrationMaterial] {
        sortingRuns(materials, of: \.registrationId) { $0.material.utf8.lexicographicallyPrecedes($1.material.utf8) }
    }

    /// `rows` with each run of one registration's rows sorted by `precedes`.
    private static func sortingRuns<Row>(_ rows: [Row], of registration: (Row) -> String, by precedes: (Row, Row) -> Bool) -> [Row] {
        var rows = rows
        var start = 0
        while start < rows.count {
            let id = registration(rows[start])
            var end = start + 1
            while end < rows.count && registration(rows[end]) == id { end += 1 }
            if end - start > 1 { rows[start..<end].sort(by: precedes) }
            start = end
        }
        return rows
    }

    /// Deletes `rows` from `table`, each by its year and `condition`; `bind` binds the year, then
    /// the condition's values.
    private static func delete<Record>(_ rows: [Record], from table: String, where condition: String, in db: Database,
                                       bind: (Record, inout StatementBinder) throws -> Void) throws {
        guard !rows.isEmpty else { return }
        let statement = try db.cachedStatement(sql: "DELETE FROM \(table) WHERE year = ? AND \(condition)")
        for row in rows {
            var binder = StatementBinder(statement)
            try bind(row, &binder)
            try binder.execute()
        }
    }

    /// Rows per INSERT statement: SQLite's work per statement (cursors opened, the statement
    /// reset) is paid once for these, well under its limit of 32,766 bound values.
    private static let batch = 64

    /// Inserts `rows` `batch` at a time; `bind` binds one row's values in `columns` order.
    private static func insert<Record>(_ rows: [Record], into table: String, columns: String, in db: Database,
                                       conflict: String = "", bind: (Record, inout StatementBinder) throws -> Void) throws {
        let count = columns.split(separator: ",").count
        let placeholders = "(" + Array(repeating: "?", count: count).joined(separator: ", ") + ")"
        var start = 0
        while start < rows.count {
            let end = min(start + batch, rows.count)
            let statement = try db.cachedStatement(sql: "INSERT INTO \(table) (\(columns)) VALUES "
                                                   + Array(repeating: placeholders, count: end - start).joined(separator: ", ")
                                                   + conflict)
            var binder = StatementBinder(statement)
            for row in rows[start..<end] { try bind(row, &binder) }
            try binder.execute()
            start = end
        }
    }

    /// A year's registrations in form order (`Registration.inFormOrder`).
    static func registrations(year: Int, in db: Database) throws -> [Registration] {
        let extras = ExtraColumns()
        var result: [Registration] = []
        let rows = try StatementRows(db, sql: "SELECT \(registrationColumns) FROM registration WHERE year = ?", arguments: [year])
        while try rows.next() {
            result.append(Registration(
                year: try rows.integer(0), id: try rows.text(1), enterpriseId: try rows.text(2), enterpriseNameAsWritten: try rows.text(3),
                groupName: try rows.text(4), title: try rows.text(5), type: try rows.text(6), tutor: try rows.text(7),
                registeredOn: rows.optionalText(8), contact: try rows.text(9), phone: try rows.text(10), email: try rows.text(11),
                address: try rows.text(12), postcode: try rows.text(13), status: try status(rows.text(14)),
                extra: try extras.dictionary(rows.text(15)), sourcePath: try rows.text(16), sourceLine: try rows.integer(17)))
        }
        // Put in form order here, not by an ORDER BY: SQLite would copy every row's columns into
        // a temporary B-tree to sort them, most of the read of a national year's 50,000 rows.
        // The rows come in id order, most often the form's already.
        if zip(result, result.dropFirst()).allSatisfy({ !Registration.inFormOrder($1, $0) }) { return result }
        return result.indices.sorted { Registration.inFormOrder(result[$0], result[$1]) }.map { result[$0] }
    }

    /// A year's presenters and members, by registration, role and position.
    static func people(year: Int, in db: Database) throws -> [RegistrationPerson] {
        var result: [RegistrationPerson] = []
        let rows = try StatementRows(db, sql: """
            SELECT year, registration_id, role, position, name FROM registration_person WHERE year = ?
            ORDER BY registration_id, role, position
            """, arguments: [year])
        while try rows.next() {
            let roleName = try rows.text(2)
            guard let role = RegistrationPerson.Role(rawValue: roleName) else {
                throw ArchiveError("存档中的人员角色「\(roleName)」无法识别；请从 archive-backups/ 恢复备份")
            }
            result.append(RegistrationPerson(year: try rows.integer(0), registrationId: try rows.text(1), role: role,
                                             position: try rows.integer(3), name: try rows.text(4)))
        }
        return result
    }

    /// A year's materials, by registration and name.
    static func materials(year: Int, in db: Database) throws -> [RegistrationMaterial] {
        var result: [RegistrationMaterial] = []
        let rows = try StatementRows(db, sql: """
            SELECT year, registration_id, material FROM registration_material WHERE year = ? ORDER BY registration_id, material
            """, arguments: [year])
        while try rows.next() {
            result.append(RegistrationMaterial(year: try rows.integer(0), registrationId: try rows.text(1), material: try rows.text(2)))
        }
        return result
    }

    /// A year's write-ups, by registration; without `text`, their Markdown is left in the archive.
    static func writeups(year: Int, text: Bool = true, in db: Database) throws -> [Writeup] {
        var result: [Writeup] = []
        let rows = try StatementRows(db, sql: writeupsQuery(text: text), arguments: [year])
        while try rows.next() {
            result.append(Writeup(year: try rows.integer(0), registrationId: try rows.text(1), title: rows.optionalText(2),
                                  markdown: text ? try rows.text(7) : nil, sourcePath: try rows.text(3), digest: try rows.text(4),
                                  blank: try rows.integer(5) != 0, source: rows.optionalText(6)))
        }
        return result
    }

    /// The query of a year's write-ups; without their text, it reads the index `writeup_head` alone.
    static func writeupsQuery(text: Bool) -> String {
        """
        SELECT year, registration_id, title, source_path, digest, blank, source\(text ? ", markdown" : "") FROM writeup
        WHERE year = ? ORDER BY registration_id
        """
    }

    /// `writeups` with the Markdown of each taken from the archive unread filled in from the
    /// archive (read before its rows change); one the archive no longer holds as it was taken
    /// (by digest) is an error, never written with another text.
    static func withTexts(_ writeups: [Writeup], in db: Database) throws -> [Writeup] {
        guard writeups.contains(where: { $0.markdown == nil }) else { return writeups }
        return try writeups.map { writeup in
            guard writeup.markdown == nil else { return writeup }
            var filled = writeup
            filled.markdown = try text(year: writeup.year, registrationId: writeup.registrationId, in: db)
            guard filled.markdown != nil, filled.digest == writeup.digest, filled.blank == writeup.blank else {
                throw ArchiveError("存档中成果材料 \(writeup.registrationId) 的正文与导入时读到的不同；请重新运行 qcsite import")
            }
            return filled
        }
    }

    /// The Markdown of one write-up, if the archive holds it.
    static func text(year: Int, registrationId: String, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT markdown FROM writeup WHERE year = ? AND registration_id = ?", arguments: [year, registrationId])
    }

    /// The Markdown of a year's write-ups, by registration.
    static func texts(year: Int, in db: Database) throws -> [String: String] {
        var result: [String: String] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT registration_id, markdown FROM writeup WHERE year = ?", arguments: [year])
        while let row = try rows.next() { result[row[0]] = row[1] }
        return result
    }

    private static func status(_ text: String) throws -> EntryStatus {
        guard let status = EntryStatus(rawValue: text) else {
            throw ArchiveError("存档中的报名状态「\(text)」无法识别；请从 archive-backups/ 恢复备份")
        }
        return status
    }
}
