import Foundation
import Archive
#if canImport(Glibc)
import Glibc
#endif
import Diagnostics
import SafePaths
import Parallelism

/// Copies of the archive taken before an import changes a year: a wrong folder imported by
/// mistake can be undone by copying a backup back over `archive.sqlite`. A backup is whole or
/// absent: it is written under a hidden temporary name and renamed to its real name only once
/// complete and on disk, so an interrupted backup never takes one of the kept slots.
public enum ArchiveBackups {
    /// How many backups are kept; older ones are removed.
    public static let kept = 20

    /// The backup folder of an archive: `archive.sqlite` → `archive-backups/`.
    public static func folder(for archivePath: String) -> URL {
        SitePaths.backupFolder(for: archivePath)
    }

    /// Writes a backup named by the current time and a two-digit counter
    /// (`archive-20261125-121839-01.sqlite`), so that the names sort in the order the backups
    /// were taken, and prunes the oldest; returns its path. Call it holding the site's lock.
    @discardableResult
    static func keep(_ archive: ArchiveDatabase, archivePath: String, now: Date = Date()) throws -> String {
        try begin(archive, archivePath: archivePath, now: now).finish()
    }

    /// Starts a backup (`keep`) on another core: its name is taken now, its copy made aside
    /// while the caller goes on (an import's write, which commits only once `finish` returns, so
    /// the copy holds the archive as it was). Call it holding the site's lock.
    static func begin(_ archive: ArchiveDatabase, archivePath: String, now: Date = Date()) throws -> Pending {
        let folder = folder(for: archivePath)
        return try DiskFull.naming(folder.path, isFull: ArchiveDatabase.isDiskFull) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyyMMdd-HHmmss"
            let prefix = "archive-\(formatter.string(from: now))-"
            // After the newest of this second, never into a gap pruning left: the name must sort last.
            let taken = try complete(in: folder).filter { $0.hasPrefix(prefix) }
                .compactMap { Int($0.dropFirst(prefix.count).dropLast(".sqlite".count)) }
            let name = prefix + String(format: "%02d", (taken.max() ?? 0) + 1) + ".sqlite"
            return Pending(archive, to: folder.appendingPathComponent(name))
        }
    }

    /// A backup being copied (and flushed) under a hidden temporary name beside its own: `finish`
    /// waits for the copy, renames it and prunes the oldest; `discard` removes it.
    struct Pending: Sendable {
        let url: URL
        let temporary: URL
        private let copy: Background<Result<Void, any Error>>
        private let tokens: [Int]

        init(_ archive: ArchiveDatabase, to url: URL) {
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent)\(partialMark)\(getpid())")
            (self.url, self.temporary) = (url, temporary)
            tokens = [temporary.path, temporary.path + "-journal"].map(Interruption.removeOnInterrupt)
            // The caller's write begins only once the copy reads the archive as it is: a write
            // that reached the log first would have the copy made page by page by SQLite's backup.
            let reading = DispatchSemaphore(value: 0)
            copy = Background {
                Result {
                    defer { reading.signal() }  // (at the latest: a copy that failed before it read)
                    try archive.backup(to: temporary.path) { reading.signal() }
                    try ArchiveDatabase.flush(temporary.path)
                }
            }
            reading.wait()
        }

        /// The backup's path, once it is whole, on disk and named.
        func finish() throws -> String {
            defer { tokens.forEach(Interruption.forget) }
            let folder = url.deletingLastPathComponent()
            return try DiskFull.naming(folder.path, isFull: ArchiveDatabase.isDiskFull) {
                do {
                    try copy.value.get()
                    guard rename(temporary.path, url.path) == 0 else { throw ArchiveDatabase.systemError }
                    try ArchiveDatabase.flush(folder.path)
                } catch {
                    removeTemporary()  // the failure at hand is the one to report
                    throw error
                }
                for old in try complete(in: folder).dropLast(kept) {
                    try FileManager.default.removeItem(at: folder.appendingPathComponent(old))
                }
                return url.path
            }
        }

        /// Waits for the copy and removes it (the change it was taken for was not made).
        func discard() {
            defer { tokens.forEach(Interruption.forget) }
            copy.wait()
            removeTemporary()
        }

        private func removeTemporary() {
            for path in [temporary.path, temporary.path + "-journal"] where FileManager.default.fileExists(atPath: path) {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }

    /// Marks a backup being written: `.archive-…-01.sqlite.partial-<pid>`.
    static let partialMark = ".partial-"

    /// The names of the complete backups in `folder`, oldest first.
    static func complete(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("archive-") && $0.hasSuffix(".sqlite") }.sorted()
    }

    /// Removes what interrupted backups left: temporary copies, and backups of earlier qcsite
    /// versions that still have a rollback journal beside them (a copy stopped halfway, which
    /// holds nothing usable). Only the holder of the site's lock writes backups, so every
    /// temporary copy found by that holder is a leftover.
    static func removeLeftovers(archivePath: String) throws {
        let folder = folder(for: archivePath)
        guard FileManager.default.fileExists(atPath: folder.path) else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let journals = Set(names.filter { $0.hasSuffix("-journal") }.map { String($0.dropLast("-journal".count)) })
        for name in names {
            let stem = name.hasSuffix("-journal") ? String(name.dropLast("-journal".count)) : name
            let partial = stem.hasPrefix(".archive-") && stem.contains(partialMark)
            if partial || journals.contains(stem) && stem.hasPrefix("archive-") {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}
