import Foundation
import Archive

/// Copies of the archive taken before an import changes a year: a wrong folder imported by
/// mistake can be undone by copying a backup back over `archive.sqlite`.
public enum ArchiveBackups {
    /// How many backups are kept; older ones are removed.
    public static let kept = 20

    /// The backup folder of an archive: `archive.sqlite` → `archive-backups/`.
    public static func folder(for archivePath: String) -> URL {
        let archive = URL(fileURLWithPath: archivePath)
        let stem = archive.deletingPathExtension().lastPathComponent
        return archive.deletingLastPathComponent().appendingPathComponent("\(stem)-backups")
    }

    /// Writes a backup named by the current time and a two-digit counter
    /// (`archive-20261125-121839-01.sqlite`), so that the names sort in the order the backups
    /// were taken, and prunes the oldest; returns its path.
    @discardableResult
    static func keep(_ archive: ArchiveDatabase, archivePath: String, now: Date = Date()) throws -> String {
        let fm = FileManager.default
        let folder = folder(for: archivePath)
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let prefix = "archive-\(formatter.string(from: now))-"
        // After the newest of this second, never into a gap pruning left: the name must sort last.
        let taken = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".sqlite") }
            .compactMap { Int($0.dropFirst(prefix.count).dropLast(".sqlite".count)) }
        let url = folder.appendingPathComponent(prefix + String(format: "%02d", (taken.max() ?? 0) + 1) + ".sqlite")
        try archive.backup(to: url.path)
        let backups = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("archive-") && $0.hasSuffix(".sqlite") }.sorted()
        for old in backups.dropLast(kept) {
            try? fm.removeItem(at: folder.appendingPathComponent(old))
        }
        return url.path
    }
}
