import Foundation
import GRDB

/// The SQLite archive of every competition year: the one owner of the connection.
public final class ArchiveDatabase: Sendable {
    public let writer: any DatabaseWriter

    /// Opens (or creates) the archive file and brings its schema up to date.
    public init(path: String) throws {
        var config = Self.configuration
        config.prepareDatabase { db in
            // A 16 MiB page cache (SQLite's default is 2 MiB) keeps the B-tree pages a national
            // import writes in memory until commit instead of spilling and reading them back.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384")
        }
        let pool = try DatabasePool(path: path, configuration: config)
        writer = pool
        try Schema.migrator.migrate(pool)
    }

    /// A new archive at `path` (where there is none), for its first write: the pages of a new
    /// file have nothing to keep a log of, so it is written with a rollback journal (which holds
    /// only the pages the file had) and turned to a write-ahead log once committed
    /// (`create(at:registry:writing:years:)`), instead of writing every page twice, to the log
    /// and at its checkpoint.
    private init(creatingAt path: String) throws {
        var config = Self.configuration
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384")
        }
        let queue = try DatabaseQueue(path: path, configuration: config)
        writer = queue
        try Schema.migrator.migrate(queue)
    }

    /// Creates the archive at `path`, where there is none, holding the registry, the writing and
    /// the years (a first import): in one transaction, as `replace` writes them, and in the
    /// write-ahead log mode every other connection of qcsite opens it in once done.
    public static func create(at path: String, registry: Registry, writing: Writing, years: [YearRecords]) throws {
        let archive = try ArchiveDatabase(creatingAt: path)
        try archive.replace(registry: registry, writing: writing, years: years)
        let mode = try archive.writer.writeWithoutTransaction { try String.fetchOne($0, sql: "PRAGMA journal_mode = WAL") }
        guard mode?.lowercased() == "wal" else {
            throw DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "cannot use a write-ahead log beside \(path)")
        }
    }

    /// Opens an existing archive for reading only: nothing is written, not even on opening
    /// (a pool would), so a reader neither waits for nor blocks a command that writes, and each
    /// read sees the archive as the last committed transaction left it.
    /// Throws `Outdated` when the archive's schema needs migrations only a writer may run.
    public init(readingFrom path: String) throws {
        var config = Self.configuration
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA query_only = 1")
        }
        let queue = try DatabaseQueue(path: path, configuration: config)
        writer = queue
        guard try queue.read({ try Schema.migrator.hasCompletedMigrations($0) }) else { throw Outdated(path: path) }
    }

    /// An archive whose schema is older than this qcsite: an import brings it up to date.
    public struct Outdated: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "\(path): archive schema is older than this qcsite" }
    }

    /// Foreign keys on; a lock held for a moment by another connection (a checkpoint, another
    /// program reading) is waited for instead of failing at once.
    private static var configuration: Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        return config
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

    /// Copies the whole archive, consistently, to a new file, and closes that file.
    ///
    /// Always through SQLite's backup, never by opening the archive's file: closing any
    /// descriptor of a file drops every lock this process holds on it (POSIX), SQLite's included,
    /// and another program's connection could then take the archive's write-ahead log for its own
    /// to end. The copy is marked as having no log of its own.
    public func backup(to path: String) throws {
        let destination = try DatabaseQueue(path: path)
        try writer.backup(to: destination)
        try destination.close()
        try Self.markRollbackJournal(path)
    }

    /// Marks a copy of the archive as one without a write-ahead log (bytes 18 and 19 of its
    /// header, the file format's read and write versions, 1 rather than WAL's 2): opening a
    /// backup then leaves no log files beside it. SQLite's backup writes every page into the
    /// copy's file (it has no log), so nothing is lost.
    private static func markRollbackJournal(_ path: String) throws {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var versions: (UInt8, UInt8) = (0, 0)
        guard pread(fd, &versions, 2, 18) == 2 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        guard versions == (2, 2) else { return }
        var legacy: (UInt8, UInt8) = (1, 1)
        guard pwrite(fd, &legacy, 2, 18) == 2 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }
}

extension ArchiveDatabase {
    /// Whether `error` is SQLite reporting that the disk is full (SQLITE_FULL).
    public static func isDiskFull(_ error: any Error) -> Bool {
        (error as? DatabaseError)?.resultCode == .SQLITE_FULL
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

extension ArchiveDatabase {
    /// What went wrong with the archive file `path`, in words staff can act on; nil for an error
    /// that is not SQLite's.
    public static func explain(_ error: any Error, path: String) -> String? {
        guard let error = error as? DatabaseError else { return nil }
        let detail = "（SQLite error \(error.resultCode.rawValue)）"
        switch error.resultCode.primaryResultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return "存档 \(path) 不是有效的 SQLite 存档或已损坏\(detail)；请从 archive-backups/ 中把最近的备份复制回 \(path)"
        case .SQLITE_FULL:
            return "磁盘空间不足 (no space left on device)：无法写入存档 \(path)\(detail)；请清理磁盘后重试"
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN, .SQLITE_AUTH:
            return "无法打开或写入存档 \(path)\(detail)；请检查该文件及其文件夹的权限"
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "存档 \(path) 正被另一个程序使用\(detail)；请等它结束后重试"
        case .SQLITE_IOERR:
            return "读写存档 \(path) 时出现磁盘错误\(detail)：\(error.message ?? "")"
        default:
            return "存档 \(path) 出错\(detail)：\(error.message ?? "\(error)")"
        }
    }
}
