import GRDB
import GRDBSQLite

/// Reads a query's rows by column position straight from SQLite, as `StatementBinder` writes
/// them: for the tens of thousands of rows of the years a rebuild reads ahead, GRDB's row cursor
/// (a row object, and a generic, checked conversion per value) costs about as much as SQLite's
/// own reading. A value missing where the schema requires one is an archive error, not a trap.
struct StatementRows {
    private let statement: Statement
    private let db: Database

    init(_ db: Database, sql: String, arguments: StatementArguments) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        self.db = db
    }

    /// Moves to the next row; false once there is none.
    func next() throws -> Bool {
        let code = sqlite3_step(statement.sqliteStatement)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                            sql: statement.sql)
    }

    /// The text of `column` as GRDB reads it (up to a NUL, invalid UTF-8 repaired); nil for NULL.
    func optionalText(_ column: CInt) -> String? {
        sqlite3_column_text(statement.sqliteStatement, column).map { String(cString: $0) }
    }

    func text(_ column: CInt) throws -> String {
        guard let text = optionalText(column) else { throw missing(column) }
        return text
    }

    func integer(_ column: CInt) throws -> Int {
        guard sqlite3_column_type(statement.sqliteStatement, column) != SQLITE_NULL else { throw missing(column) }
        return Int(sqlite3_column_int64(statement.sqliteStatement, column))
    }

    private func missing(_ column: CInt) -> ArchiveError {
        let name = sqlite3_column_name(statement.sqliteStatement, column).map { String(cString: $0) } ?? "\(column + 1)"
        return ArchiveError("存档中一行的「\(name)」为空（\(statement.sql)）；请从 archive-backups/ 恢复备份")
    }
}
