import CFileSwap
import Foundation

/// Walks a folder with `getdents64` and `fstatat`, links not followed: a national archive's
/// site has tens of thousands of files in ten thousand folders, and a rebuild looks at them all.
/// Each folder is opened relative to its parent and listed without `opendir`'s `fstat`, and a
/// folder the listing names as one is walked without a `stat` of its own.
public enum FileTree {
    /// Calls `visit` with the relative path and status of every entry under `root` but folders
    /// (which are walked, to `depth` levels below the root; folders deeper are visited instead).
    /// With `folders`, the folders walked are visited too, before what they hold.
    /// False when a folder could not be listed or an entry not looked at.
    @discardableResult
    public static func walk(_ root: String, depth: Int = .max, folders: Bool = false, _ visit: (String, stat) -> Void) -> Bool {
        let rootFolder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFolder >= 0 else { return false }
        var complete = true
        // One listing buffer per level: a folder's listing stays whole while its subfolders are walked.
        var buffers: [UnsafeMutableRawPointer] = []
        defer { buffers.forEach { $0.deallocate() } }
        let bufferSize = 32 * 1024

        func walk(_ folder: Int32, prefix: String, level: Int) {
            defer { close(folder) }
            if buffers.count <= level { buffers.append(.allocate(byteCount: bufferSize, alignment: 8)) }
            let buffer = buffers[level]
            while true {
                let count = qc_read_directory(folder, buffer, UInt(bufferSize))
                guard count > 0 else {
                    if count < 0 { complete = false }
                    return
                }
                var offset = 0
                while offset < count {
                    // struct linux_dirent64: d_ino, d_off, d_reclen at 16, d_type at 18, d_name at 19.
                    let record = buffer + offset
                    offset += Int(record.load(fromByteOffset: 16, as: UInt16.self))
                    let type = record.load(fromByteOffset: 18, as: UInt8.self)
                    let name = String(cString: (record + 19).assumingMemoryBound(to: CChar.self))
                    if name == "." || name == ".." { continue }
                    if type == directoryType && level < depth && !folders {
                        walkFolder(name, in: folder, prefix: prefix, level: level)
                        continue
                    }
                    var info = stat()
                    guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                        complete = false
                        continue
                    }
                    if info.st_mode & S_IFMT == S_IFDIR && level < depth {
                        if folders { visit(prefix + name, info) }
                        walkFolder(name, in: folder, prefix: prefix, level: level)
                    } else {
                        visit(prefix + name, info)
                    }
                }
            }
        }
        func walkFolder(_ name: String, in folder: Int32, prefix: String, level: Int) {
            // O_NOFOLLOW: a folder swapped for a link since it was listed is not followed.
            let child = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard child >= 0 else {
                complete = false
                return
            }
            walk(child, prefix: prefix + name + "/", level: level + 1)
        }
        walk(rootFolder, prefix: "", level: 0)
        return complete
    }

    /// `DT_DIR`, the type `getdents64` gives a folder.
    private static let directoryType: UInt8 = 4
}
