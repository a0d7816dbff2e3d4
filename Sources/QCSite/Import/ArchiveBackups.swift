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

    /// Writes a backup named by the current time and prunes the oldest; returns its path.
    @discardableResult
    static func keep(_ archive: ArchiveDatabase, archivePath: String, now: Date = Date()) throws -> String {
        let fm = FileManager.default
        let folder = folder(for: archivePath)
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        var url = folder.appendingPathComponent("archive-\(formatter.string(from: now)).sqlite")
        var n = 2
        while fm.fileExists(atPath: url.path) {
            url = folder.appendingPathComponent("archive-\(formatter.string(from: now))-\(n).sqlite")
            n += 1
        }
        try archive.backup(to: url.path)
        let backups = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("archive-") && $0.hasSuffix(".sqlite") }.sorted()
        for old in backups.dropLast(kept) {
            try? fm.removeItem(at: folder.appendingPathComponent(old))
        }
        return url.path
    }
}
