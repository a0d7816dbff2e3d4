import Foundation
import Publishing
import SafePaths

/// A key of the stamps (path, size, times, inode) of every file the build reads — the content,
/// the theme, the archive — and of qcsite itself: when it equals the one the output's build
/// record holds, no file was written since that build, so the build has nothing to do and need
/// not even read the content. Nil when it cannot vouch for that: a link (its target's changes
/// do not show in its stamp), a folder that cannot be listed, or a file changed so recently
/// that a later write could leave its stamp as it is.
struct InputStamps {
    /// How long before the build a file's stamp must have been set for the key to trust it.
    static let settled: Int64 = 2_000_000_000

    /// The content and the theme, read before the import, with the time they were read.
    static func sources(_ paths: SitePaths, baseURL: String?) -> (key: InputKey, taken: Int64)? {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let taken = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        var key = InputKey()
        key.add(BuildInputs.executableStamp())
        key.add(baseURL ?? "-")
        for folder in [paths.contentURL.path, paths.themeURL.path] {
            key.add(folder)
            var digest = StampDigest(), settled = true
            guard FileTree.walk(folder, { path, info in
                guard info.st_mode & S_IFMT == S_IFREG, let stamp = stamp(info, before: taken) else {
                    settled = false
                    return
                }
                digest.add(path, stamp)
            }), settled else { return nil }
            key.add(digest.text)
        }
        return (key, taken)
    }

    /// `sources` with the archive as the import left it (its file and write-ahead log).
    static func key(_ sources: (key: InputKey, taken: Int64)?, archive: String) -> String? {
        guard var key = sources?.key else { return nil }
        for path in [archive, archive + "-wal"] {
            var info = stat()
            if lstat(path, &info) != 0 {
                guard errno == ENOENT else { return nil }
                key.add(path + " -")
                continue
            }
            key.add(path)
            for value in stamp(info, before: .max) ?? [] { key.add(value) }
        }
        return key.value
    }

    /// Size, modification and change times, inode and device; nil when set too recently.
    private static func stamp(_ info: stat, before taken: Int64) -> [Int64]? {
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        guard taken == .max || max(modified, changed) < taken - settled else { return nil }
        return [Int64(info.st_size), modified, changed, Int64(bitPattern: UInt64(info.st_ino)), Int64(bitPattern: UInt64(info.st_dev))]
    }
}
