import CFileSwap
import Foundation
import Parallelism

/// Walks a folder with `getdents64` and `fstatat`, links not followed: a national archive's
/// site has tens of thousands of files in ten thousand folders, and a rebuild looks at them all.
/// Each folder is opened relative to its parent and listed without `opendir`'s `fstat`, and a
/// folder the listing names as one is walked without a `stat` of its own.
public enum FileTree {
    /// Calls `visit` with the relative path and status of every entry under `root` but folders
    /// (which are walked, to `depth` levels below the root; folders deeper are visited instead),
    /// and `folders`, when given, with those of every folder walked (the root's path is "").
    /// False when a folder could not be listed or an entry not looked at.
    @discardableResult
    public static func walk(_ root: String, depth: Int = .max, folders: ((String, stat) -> Void)? = nil,
                            _ visit: (String, stat) -> Void) -> Bool {
        let lister = Lister()
        var complete = true
        func walk(_ folder: Int32, prefix: String, level: Int) {
            defer { close(folder) }
            var entries: [(name: String, type: UInt8)] = []
            complete = lister.list(folder, level: level, closing: false) { entries.append(($0, $1)) } && complete
            // A folder of thousands of files (the search index's fragments, half a national
            // site's files) has them looked at on every core; the folders in it are walked here.
            let statted = entries.count >= Self.manyEntries ? Self.statuses(entries, in: folder, walking: level < depth) : nil
            for (index, (name, type)) in entries.enumerated() {
                if type == directoryType && level < depth {
                    walkFolder(name, in: folder, prefix: prefix, level: level)
                    continue
                }
                var info = stat()
                if let statted {
                    guard let found = statted[index] else {
                        complete = false
                        continue
                    }
                    info = found
                } else {
                    guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                        complete = false
                        continue
                    }
                }
                if info.st_mode & S_IFMT == S_IFDIR && level < depth {
                    walkFolder(name, in: folder, prefix: prefix, level: level)
                } else {
                    visit(prefix + name, info)
                }
            }
        }
        func walkFolder(_ name: String, in folder: Int32, prefix: String, level: Int) {
            guard let child = openFolder(name, in: folder) else {
                complete = false
                return
            }
            stampFolder(child, prefix + name)
            walk(child, prefix: prefix + name + "/", level: level + 1)
        }
        func stampFolder(_ folder: Int32, _ path: String) {
            guard let folders else { return }
            var info = stat()
            if fstat(folder, &info) == 0 { folders(path, info) } else { complete = false }
        }
        let rootFolder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFolder >= 0 else { return false }
        stampFolder(rootFolder, "")
        walk(rootFolder, prefix: "", level: 0)
        return complete
    }

    /// Entries of one folder from which its files are looked at on every core.
    static let manyEntries = 2048

    /// The status of each of `entries` of the open `folder` (nil where it cannot be had), on every
    /// core; entries the listing names as folders to be walked are left out (nil).
    private static func statuses(_ entries: [(name: String, type: UInt8)], in folder: Int32, walking: Bool) -> [stat?] {
        Parallel.map(Parallel.runs(of: entries, size: 256)) { run in
            run.map { entry -> stat? in
                if entry.type == directoryType && walking { return nil }
                var info = stat()
                return fstatat(folder, entry.name, &info, AT_SYMLINK_NOFOLLOW) == 0 ? info : nil
            }
        }.flatMap { $0 }
    }

    /// The first folder under `root`, `root` included, that this process could not empty (one
    /// it cannot read, write or search, or cannot list), with the error; nil when there is none.
    /// Only folders are looked at: a file's own permissions do not stop its removal.
    public static func unemptiableFolder(under root: String) -> (path: String, errno: Int32)? {
        guard access(root, R_OK | W_OK | X_OK) == 0 else { return (root, errno) }
        let lister = Lister()
        var found: (path: String, errno: Int32)?
        func check(_ folder: Int32, path: String, level: Int) {
            let listed = lister.list(folder, level: level) { name, type in
                guard found == nil else { return }
                var isFolder = type == directoryType
                if type == unknownType {
                    var info = stat()
                    isFolder = fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFDIR
                }
                guard isFolder else { return }
                guard faccessat(folder, name, R_OK | W_OK | X_OK, 0) == 0 else {
                    found = (path + "/" + name, errno)
                    return
                }
                guard let child = openFolder(name, in: folder) else {
                    found = (path + "/" + name, errno)
                    return
                }
                check(child, path: path + "/" + name, level: level + 1)
            }
            if !listed && found == nil { found = (path, errno) }
        }
        let rootFolder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFolder >= 0 else { return (root, errno) }
        check(rootFolder, path: root, level: 0)
        return found
    }

    /// Whether a folder's status shows that this process may empty it, as `faccessat` would tell
    /// (read, write and search for the real user): the user owns it and may do all three, and it
    /// is on `device`, the output's own file system (a read-only one mounted inside is not).
    /// The status does not tell a folder made immutable (`chattr +i`, by root); but setting that
    /// changes the folder's change time, so a look confirmed by the record (`OutputTree.confirmed`,
    /// the only caller) finds it changed and the output is walked, every folder asked.
    static func mayEmpty(_ info: stat, on device: dev_t) -> Bool {
        info.st_uid == user && info.st_mode & 0o700 == 0o700 && info.st_dev == device
    }

    /// The process's real user (`getuid` is a system call: asked once, not once per folder).
    private static let user = getuid()

    /// `unemptiableFolder(under:)` of a tree whose folders (paths relative to `root`, the root
    /// itself as "") a walk just listed: each is asked by its path, in path order, none listed
    /// again. A folder gone since (removed by hand or a sync tool) has nothing left to empty.
    public static func unemptiableFolder(under root: String, among folders: [String]) -> (path: String, errno: Int32)? {
        guard access(root, R_OK | W_OK | X_OK) == 0 else { return (root, errno) }
        let top = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard top >= 0 else { return (root, errno) }
        defer { close(top) }
        for folder in folders.sorted() where !folder.isEmpty {
            guard faccessat(top, folder, R_OK | W_OK | X_OK, 0) == 0 || errno == ENOENT || errno == ENOTDIR else {
                return (root + "/" + folder, errno)
            }
        }
        return nil
    }

    /// Opens the folder at `path` for paths to be looked up relative to it.
    static func openFolder(_ path: String) -> Int32? {
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        return folder >= 0 ? folder : nil
    }

    /// Opens a folder listed in `folder`; O_NOFOLLOW: one swapped for a link since it was
    /// listed is not followed.
    private static func openFolder(_ name: String, in folder: Int32) -> Int32? {
        let child = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        return child >= 0 ? child : nil
    }

    /// Lists open folders with `getdents64`, one buffer per level: a folder's listing stays whole
    /// while its subfolders are listed (from within it: a class, so listing is no exclusive
    /// access that the nested listing would overlap).
    private final class Lister {
        private var buffers: [UnsafeMutableRawPointer] = []
        private let bufferSize = 32 * 1024

        /// Calls `entry` with the name and type of every entry of `folder` but `.` and `..`, then
        /// closes it unless `closing` is false; false when it could not be read to the end.
        func list(_ folder: Int32, level: Int, closing: Bool = true, _ entry: (String, UInt8) -> Void) -> Bool {
            defer { if closing { close(folder) } }
            if buffers.count <= level { buffers.append(.allocate(byteCount: bufferSize, alignment: 8)) }
            let buffer = buffers[level]
            while true {
                let count = qc_read_directory(folder, buffer, UInt(bufferSize))
                guard count > 0 else { return count == 0 }
                var offset = 0
                while offset < count {
                    // struct linux_dirent64: d_ino, d_off, d_reclen at 16, d_type at 18, d_name at 19.
                    let record = buffer + offset
                    offset += Int(record.load(fromByteOffset: 16, as: UInt16.self))
                    let type = record.load(fromByteOffset: 18, as: UInt8.self)
                    let name = String(cString: (record + 19).assumingMemoryBound(to: CChar.self))
                    if name != "." && name != ".." { entry(name, type) }
                }
            }
        }

        deinit {
            buffers.forEach { $0.deallocate() }
        }
    }

    /// `DT_DIR` and `DT_UNKNOWN`, the types `getdents64` gives a folder and an entry whose type
    /// the file system does not say.
    private static let directoryType: UInt8 = 4
    private static let unknownType: UInt8 = 0
}
