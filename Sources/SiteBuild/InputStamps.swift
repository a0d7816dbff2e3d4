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

    /// What the walk of the content and the theme found (`sources`).
    struct Sources {
        /// Of every file; nil when any file's stamp cannot vouch for it.
        var key: InputKey?
        /// When the stamps were taken.
        var taken: Int64
        /// By year, a key of the stamps of what the year's fingerprint is made from (its folder's
        /// files, enterprises.yaml, qcsite itself), for each year whose stamps can vouch for it
        /// even when another file's cannot: a build records it beside the year's fingerprint, and
        /// the next build whose key for the year is the same need not hash the year's files again.
        var years: [Int: String] = [:]
    }

    /// The content and the theme, read before the import, with the time they were read; or
    /// read beside it, against `taken`, a time before the import began: a file written after
    /// that time is not trusted, whenever the walk reaches it.
    static func sources(_ paths: SitePaths, baseURL: String?, taken: Int64 = FileStamp.now()) -> Sources {
        let executable = BuildInputs.executableStamp()
        var key = InputKey()
        key.add(executable)
        key.add(baseURL ?? "-")
        var settled = true
        // The content's years, and enterprises.yaml, which every year's fingerprint covers too.
        var years: [Int: StampDigest] = [:], unsettledYears: Set<Int> = []
        var registry: [Int64]?
        for folder in [paths.contentURL.path, paths.themeURL.path] {
            key.add(folder)
            var digest = StampDigest()
            let inContent = folder == paths.contentURL.path
            let listed = FileTree.walk(folder) { path, info in
                let year = inContent ? Self.year(of: path) : nil
                guard info.st_mode & S_IFMT == S_IFREG, let stamp = stamp(info, before: taken) else {
                    settled = false
                    if let year { unsettledYears.insert(year) }
                    return
                }
                // Hashed once, added to the folder's digest and to its year's.
                var file = StampDigest()
                file.add(path, stamp)
                digest.add(file)
                if let year { years[year, default: StampDigest()].add(file) }
                if inContent && path == "enterprises.yaml" { registry = stamp }
            }
            settled = settled && listed
            key.add(digest.text)
            guard listed else { years = [:]; break }
        }
        var yearKeys: [Int: String] = [:]
        if let registry {
            for (year, digest) in years where !unsettledYears.contains(year) {
                var yearKey = InputKey()
                yearKey.add(executable)
                for value in registry { yearKey.add(value) }
                yearKey.add(digest.text)
                yearKeys[year] = yearKey.value
            }
        }
        return Sources(key: settled ? key : nil, taken: taken, years: yearKeys)
    }

    /// The year of a path of the content inside `years/<four digits>/`, else nil.
    private static func year(of path: String) -> Int? {
        let utf8 = path.utf8
        guard utf8.count > 11, path.hasPrefix("years/") else { return nil }
        let digits = utf8.dropFirst(6).prefix(5)
        guard digits.last == UInt8(ascii: "/"), digits.dropLast().allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(String(decoding: digits.dropLast(), as: UTF8.self))
    }

    /// `sources` with the archive as the import left it (its file and write-ahead log).
    static func key(_ sources: Sources?, archive: String) -> String? {
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
        let (modified, changed) = (info.st_mtim.nanoseconds, info.st_ctim.nanoseconds)
        guard taken == .max || max(modified, changed) < taken - settled else { return nil }
        return [Int64(info.st_size), modified, changed, Int64(bitPattern: UInt64(info.st_ino)), Int64(bitPattern: UInt64(info.st_dev))]
    }
}
