import Foundation
import Archive
import Diagnostics
#if canImport(Glibc)
import Glibc
#endif

/// Where `qcsite stage` tries a stage before anything real is written: a hidden folder beside
/// the output (`.public.stage-<pid>`) holding a copy of the archive and the site built from it.
/// It is removed when the command ends or is interrupted; one a killed command left is removed
/// by the next.
struct StageScratch {
    let folder: URL

    var archive: String { folder.appendingPathComponent("archive.sqlite").path }
    var output: String { folder.appendingPathComponent("public").path }
    private let token: Int

    /// Makes the folder and copies the archive into it (consistently, reading only; with no
    /// archive yet, the trial build starts an empty one).
    init(beside output: URL, archive: String) throws {
        let parent = output.deletingLastPathComponent()
        let prefix = ".\(output.lastPathComponent).stage-"
        Self.removeLeftovers(in: parent, prefix: prefix)
        folder = parent.appendingPathComponent(prefix + "\(getpid())")
        token = Interruption.removeOnInterrupt(folder.path)
        let fm = FileManager.default
        try? fm.removeItem(at: folder)
        try DiskFull.naming(parent.path, isFull: ArchiveDatabase.isDiskFull) {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            if fm.fileExists(atPath: archive) { try ArchiveDatabase.copy(readingOnly: archive, to: self.archive) }
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
        Interruption.forget(token)
    }

    /// Folders of commands that are gone (killed before they could clean up).
    private static func removeLeftovers(in parent: URL, prefix: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }
}
