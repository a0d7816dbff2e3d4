import Foundation
import SafePaths
import Archive
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The preview's own folder beside its output: a copy of the archive that every rebuild imports
/// into, so that no edit tried in the preview reaches `archive.sqlite` or pushes a backup out of
/// the ones kept. A lock inside it keeps a second preview of the same site from using it.
struct PreviewScratch {
    let folder: URL
    private let lock: Int32

    var archive: URL { folder.appendingPathComponent("archive.sqlite") }

    /// Takes the folder (creating it), or says that another preview has it; what a preview that
    /// was killed left in it is removed.
    init(folder: URL) throws {
        self.folder = folder
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw PreviewError("无法创建预览用的临时文件夹 \(folder.path)：\(error.localizedDescription)")
        }
        let lockFile = folder.appendingPathComponent("lock")
        lock = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else {
            throw PreviewError("无法创建 \(lockFile.path)：\(String(cString: strerror(errno)))")
        }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            close(lock)
            throw PreviewError("这个网站已有一个 qcsite serve 在运行（它使用 \(folder.path)）；请先在它的终端按 Ctrl-C 停止，或直接使用它的预览地址")
        }
        for leftover in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where leftover != "lock" {
            try? fm.removeItem(at: folder.appendingPathComponent(leftover))
        }
    }

    /// Copies the archive consistently (SQLite's backup, safe while another command writes it)
    /// and read-only; with no archive yet, the first build starts an empty one here.
    func copyArchive(from path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            try ArchiveDatabase.copy(readingOnly: path, to: archive.path)
        } catch {
            throw PreviewError("无法复制存档 \(path) 供预览使用：\(error)")
        }
    }

    /// Removes the backups the last build's import took of the copy: they undo nothing anyone
    /// keeps, and twenty of them would cost twenty times the archive's size.
    func removeBackups() {
        try? FileManager.default.removeItem(at: SitePaths.backupFolder(for: archive.path))
    }

    /// Removes the folder, the copy and its backups with it, and lets another preview start.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
        close(lock)
    }
}
