import GRDB
import GRDBSQLite

/// Binds values to a prepared insert one after another, straight into SQLite: for the hundreds
/// of thousands of rows of a national import, GRDB's `StatementArguments` (a boxed value and a
/// check per argument) cost more than SQLite's insert itself. The statement still runs through
/// GRDB (`execute()`), so its transaction and error handling stay as they are.
struct StatementBinder {
    private let statement: Statement
    private var index: CInt = 1

    /// Starts binding `statement` from its first parameter, every parameter unbound.
    init(_ statement: Statement) {
        // Tells GRDB the (empty) arguments are set and bound, which also resets the statement
        // and clears its bindings; the values are bound below.
        statement.setUncheckedArguments([])
        self.statement = statement
    }

    mutating func bind(_ value: String) throws {
        var value = value
        try value.withUTF8 { bytes in
            // An empty buffer may have no address, and a null pointer binds NULL, not ''.
            try check(bytes.withMemoryRebound(to: CChar.self) { chars in
                let text = chars.baseAddress ?? UnsafeRawPointer(Self.empty.utf8Start).assumingMemoryBound(to: CChar.self)
                return sqlite3_bind_text(statement.sqliteStatement, index, text, CInt(bytes.count), Self.transient)
            })
        }
    }

    mutating func bind(_ value: String?) throws {
        if let value { try bind(value) } else { try check(sqlite3_bind_null(statement.sqliteStatement, index)) }
    }

    mutating func bind(_ value: Int) throws {
        try check(sqlite3_bind_int64(statement.sqliteStatement, index, Int64(value)))
    }

    /// Runs the statement once every parameter is bound.
    func execute() throws {
        precondition(Int(index) == Int(sqlite3_bind_parameter_count(statement.sqliteStatement)) + 1,
                     "every parameter of the statement is bound")
        try statement.execute()
    }

    private mutating func check(_ code: CInt) throws {
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind parameter \(index)",
                                sql: statement.sql)
        }
        index += 1
    }

    /// SQLite copies each value as it is bound (`SQLITE_TRANSIENT`): Swift's buffers live only
    /// for the call.
    nonisolated(unsafe) private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    private static let empty: StaticString = ""
}
