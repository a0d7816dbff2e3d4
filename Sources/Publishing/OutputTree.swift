import Foundation
import SafePaths

/// The size and modification time of a published file: what tells a later build that the file
/// is still the one it wrote (an edit or a copy by hand changes at least one of them).
public struct FileStamp: Sendable, Equatable {
    public var size: Int64
    /// Nanoseconds since 1970.
    public var modified: Int64

    init(_ info: stat) {
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }

    public init(size: Int64, modified: Int64) {
        self.size = size
        self.modified = modified
    }

    /// The stamp of the file at `path`, nil when there is none (or it is not a regular file).
    static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileStamp(info)
    }
}

/// Walks a folder with `readdir` and `fstatat`, links not followed: a national archive's site
/// has tens of thousands of files, and a rebuild looks at them all.
public enum FileTree {
    /// Calls `visit` with the relative path and status of every entry under `root` but folders
    /// (which are walked). False when a folder could not be listed or an entry not looked at.
    @discardableResult
    public static func walk(_ root: String, _ visit: (String, stat) -> Void) -> Bool {
        var complete = true
        func walk(_ folder: String, prefix: String) {
            guard let dir = opendir(folder) else {
                complete = false
                return
            }
            defer { closedir(dir) }
            let fd = dirfd(dir)
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                var info = stat()
                guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                    complete = false
                    continue
                }
                if info.st_mode & S_IFMT == S_IFDIR {
                    walk(folder + "/" + name, prefix: prefix + name + "/")
                } else {
                    visit(prefix + name, info)
                }
            }
        }
        walk(root, prefix: "")
        return complete
    }
}

/// The files of an output folder with their stamps.
enum OutputTree {
    /// Relative paths of the site's regular files (the marker and the build record aside);
    /// anything else found (a link, a device, a folder that cannot be listed) makes `complete` false.
    static func files(in root: String) -> (files: [String: FileStamp], complete: Bool) {
        var files: [String: FileStamp] = [:]
        var regular = true
        let listed = FileTree.walk(root) { path, info in
            guard info.st_mode & S_IFMT == S_IFREG else {
                regular = false
                return
            }
            if path != OutputFolderRule.marker && path != BuildRecord.fileName { files[path] = FileStamp(info) }
        }
        return (files, listed && regular)
    }
}
