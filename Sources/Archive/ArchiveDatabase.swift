import Foundation
import GRDB
import GRDBSQLite
import CFileSwap
import Diagnostics

/// The SQLite archive of every competition year: the one owner of the connection.
public final class ArchiveDatabase: Sendable {
    public let writer: any DatabaseWriter

    /// Opens (or creates) the archive file and brings its schema up to date.
    public init(path: String) throws {
        let pool = try DatabasePool(path: path, configuration: Self.writing)
        writer = pool
        try Schema.migrator.migrate(pool)
    }

    /// A new archive at `path`, for its first write: the pages of a new file have nothing to
    /// keep a log of, so it is written with a rollback journal (which holds only the pages the
    /// file had) and turned to a write-ahead log once committed (`create(at:registry:writing:years:)`),
    /// instead of writing every page twice, to the log and at its checkpoint.
    private init(creatingAt path: String) throws {
        let queue = try DatabaseQueue(path: path, configuration: Self.writing)
        writer = queue
        try Schema.migrator.migrate(queue)
    }

    /// Creates the archive at `path`, where there is none, holding the registry, the writing and
    /// the years (a first import), in the write-ahead log mode every other connection of qcsite
    /// opens it in. It is written whole under a hidden temporary name beside `path`
    /// (`.archive.sqlite.new-<pid>`, one transaction, as `replace` writes), closed, flushed and
    /// only then renamed: a first import that fails or is killed leaves no archive (and no
    /// journal a reader that may not write would have to roll back), only a temporary file the
    /// next import removes (`removeLeftovers`).
    public static func create(at path: String, registry: Registry, writing: Writing, years: [YearRecords]) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent)\(creatingMark)\(getpid())").path
        let files = Self.companions(of: temporary)
        let tokens = files.map(Interruption.removeOnInterrupt)
        defer { tokens.forEach(Interruption.forget) }
        do {
            try files.forEach(Self.remove)
            let archive = try ArchiveDatabase(creatingAt: temporary)
            try archive.replace(registry: registry, writing: writing, years: years)
            let mode = try archive.writer.writeWithoutTransaction { try String.fetchOne($0, sql: "PRAGMA journal_mode = WAL") }
            guard mode?.lowercased() == "wal" else {
                throw DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "cannot use a write-ahead log beside \(path)")
            }
            try (archive.writer as? DatabaseQueue)?.close()
            try flush(temporary)
            // Log files at the archive's name belong to no archive: SQLite would take them for the new one's.
            try companions(of: path).dropFirst().forEach(Self.remove)
            guard rename(temporary, path) == 0 else { throw Self.systemError }
            try flush(url.deletingLastPathComponent().path)
        } catch {
            files.forEach { try? Self.remove($0) }
            throw error
        }
    }

    /// Marks an archive being created: `.archive.sqlite.new-<pid>`.
    static let creatingMark = ".new-"

    /// A database file and the files SQLite keeps beside it.
    private static func companions(of path: String) -> [String] {
        [path, path + "-journal", path + "-wal", path + "-shm"]
    }

    private static func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw Self.systemError }
    }

    /// The error of the system call that just failed (its `errno`).
    public static var systemError: POSIXError { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }

    /// `fsync` of a file or folder, so a rename never makes a name point at unwritten data.
    public static func flush(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.systemError }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw Self.systemError }
    }

    /// Removes what first imports killed before they could clean up left beside the archive (a
    /// temporary archive and its log files). Only the holder of the site's lock creates an
    /// archive, so every such file its holder finds is a leftover.
    public static func removeLeftovers(archivePath path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)\(creatingMark)"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            try remove(folder.appendingPathComponent(name).path)
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

    /// The configuration of a connection that writes: a 16 MiB page cache (SQLite's default is
    /// 2 MiB) keeps the B-tree pages a national import writes in memory until commit instead of
    /// spilling and reading them back.
    private static var writing: Configuration {
        var config = configuration
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384")
        }
        return config
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
    /// Always through SQLite (its own handle of the file, or its backup), never by opening the
    /// archive's file: closing any descriptor of a file drops every lock this process holds on it
    /// (POSIX), SQLite's included, and another program's connection could then take the archive's
    /// write-ahead log for its own to end. The copy is marked as having no log of its own.
    /// - Parameter reading: called once the copy reads the archive as it is to hold it (or once
    ///   SQLite's backup is to be used): what is committed after that is not in it.
    public func backup(to path: String, reading: () -> Void = {}) throws {
        if try copyFile(to: path, reading: reading) { return }
        reading()
        let destination = try DatabaseQueue(path: path)
        try writer.backup(to: destination)
        try destination.close()
        try Self.markRollbackJournal(path)
    }

    /// The archive's file copied byte for byte (marked as having no log), read through SQLite's
    /// own handle of it (no descriptor of the file is opened or closed) inside a read transaction
    /// that reads the file alone: one begun while the write-ahead log holds no page. While it
    /// lasts no checkpoint may write into the file (a checkpoint waits for the readers of the
    /// file alone), and what others write goes to the log: the copy is the archive as committed
    /// when it began. The copy is written past the page cache where the file system allows it
    /// (`O_DIRECT`): a national archive's 28 MB put into new pages of the cache cost a rebuild
    /// 60–85 ms of CPU, written directly 10–15 ms.
    /// False, with nothing written, when the log holds pages (or the archive is not a file).
    private func copyFile(to path: String, reading: () -> Void) throws -> Bool {
        let archivePath = writer.path
        var info = stat()
        guard lstat(archivePath, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        return try writer.read { db -> Bool in
            // (The transaction takes its view of the archive at its first read.)
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
            guard lstat(archivePath + "-wal", &info) != 0 || info.st_size == 0 else { return false }
            reading()
            var pointer: UnsafeMutableRawPointer?
            guard sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_FILE_POINTER, &pointer) == SQLITE_OK,
                  let file = pointer?.assumingMemoryBound(to: sqlite3_file.self), let methods = file.pointee.pMethods,
                  let read = methods.pointee.xRead, let fileSize = methods.pointee.xFileSize else { return false }
            var size: sqlite3_int64 = 0
            try Self.check(fileSize(file, &size))
            let copy = try BackupFile(path)
            defer { copy.close() }
            let chunk = BackupFile.chunk
            var offset: sqlite3_int64 = 0
            while offset < size {
                let count = Int(min(sqlite3_int64(chunk), size - offset))
                try Self.check(read(file, copy.buffer, Int32(count), offset))
                if offset == 0 && count >= 20 {
                    // No log of its own (`markRollbackJournal`).
                    let versions = copy.buffer.advanced(by: 18).assumingMemoryBound(to: UInt8.self)
                    if versions[0] == 2 && versions[1] == 2 { (versions[0], versions[1]) = (1, 1) }
                }
                try copy.write(count, at: off_t(offset))
                offset += sqlite3_int64(count)
            }
            try copy.finish(size: off_t(size))
            return true
        }
    }

    /// A backup's file, written from an aligned buffer past the page cache (`O_DIRECT`) or,
    /// where the file system refuses that (tmpfs), through it.
    private final class BackupFile {
        static let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 4096)
        private var descriptor: Int32
        private var direct = true

        init(_ path: String) throws {
            let flag = qc_direct_flag()
            descriptor = flag == 0 ? -1 : open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | flag, 0o644)
            if descriptor < 0 && (flag == 0 || errno == EINVAL) {
                direct = false
                descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            }
            guard descriptor >= 0 else {
                buffer.deallocate()
                throw ArchiveDatabase.systemError
            }
        }

        /// Writes the buffer's first `count` bytes at `offset` (a multiple of the chunk). Direct
        /// writes are whole blocks: a last chunk of another length is written padded with zeros,
        /// and `finish` cuts the file to its size.
        func write(_ count: Int, at offset: off_t) throws {
            var length = count
            if direct && count % 4096 != 0 {
                length = (count + 4095) / 4096 * 4096
                memset(buffer + count, 0, length - count)
            }
            var written = 0
            while written < length {
                let done = pwrite(descriptor, buffer + written, length - written, offset + off_t(written))
                if done < 0 && errno == EINVAL && direct {
                    // A file system that opened for direct writes and then refused one (or wrote
                    // part of one, leaving the rest unaligned): the rest through the cache.
                    direct = false
                    guard fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~qc_direct_flag()) == 0 else {
                        throw ArchiveDatabase.systemError
                    }
                    continue
                }
                guard done > 0 else { throw ArchiveDatabase.systemError }
                written += done
            }
        }

        func finish(size: off_t) throws {
            guard ftruncate(descriptor, size) == 0 else { throw ArchiveDatabase.systemError }
        }

        func close() {
            _ = Glibc.close(descriptor)
            buffer.deallocate()
        }
    }

    private static func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
    }

    /// Marks a copy of the archive as one without a write-ahead log (bytes 18 and 19 of its
    /// header, the file format's read and write versions, 1 rather than WAL's 2): opening a
    /// backup then leaves no log files beside it. Every page is in the copy's file (SQLite's
    /// backup writes them there; the file is copied only while the log holds none), so nothing
    /// is lost.
    private static func markRollbackJournal(_ path: String) throws {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw Self.systemError }
        defer { close(fd) }
        var versions: (UInt8, UInt8) = (0, 0)
        guard pread(fd, &versions, 2, 18) == 2 else { throw Self.systemError }
        guard versions == (2, 2) else { return }
        var legacy: (UInt8, UInt8) = (1, 1)
        guard pwrite(fd, &legacy, 2, 18) == 2 else { throw Self.systemError }
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
