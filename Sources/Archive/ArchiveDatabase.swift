import Foundation
import GRDB

/// The SQLite archive of every competition year: the one owner of the connection.
public final class ArchiveDatabase: Sendable {
    public let writer: any DatabaseWriter

    /// Opens (or creates) the archive file and brings its schema up to date.
    public init(path: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool = try DatabasePool(path: path, configuration: config)
        writer = pool
        try Schema.migrator.migrate(pool)
    }

    /// An archive in memory, for tests and dry runs.
    public init() throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: config)
        writer = queue
        try Schema.migrator.migrate(queue)
    }

    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.read(body)
    }

    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.write(body)
    }
}

extension ArchiveDatabase {
    /// The fingerprint each archived year was imported from, by year.
    public func fingerprints() throws -> [Int: String] {
        try writer.read { db in
            var result: [Int: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT year, source_fingerprint FROM competition") {
                if let fingerprint: String = row["source_fingerprint"] { result[row["year"]] = fingerprint }
            }
            return result
        }
    }

    /// Copies the whole archive, consistently, to a new file.
    public func backup(to path: String) throws {
        let destination = try DatabaseQueue(path: path)
        try writer.backup(to: destination)
    }

    /// Copies an archive file consistently without writing to it. Opening it as an archive would
    /// write: the migrator's check and the pool's WAL set-up change the file even when nothing
    /// else does.
    public static func copy(readingOnly path: String, to destination: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let source = try DatabaseQueue(path: path, configuration: configuration)
        try source.backup(to: DatabaseQueue(path: destination))
    }
}
