import Foundation

/// Walks a folder with `readdir` and `fstatat`, links not followed: a national archive's site
/// has tens of thousands of files, and a rebuild looks at them all.
public enum FileTree {
    /// Calls `visit` with the relative path and status of every entry under `root` but folders
    /// (which are walked, to `depth` levels below the root; folders deeper are visited instead).
    /// With `folders`, the folders walked are visited too, before what they hold.
    /// False when a folder could not be listed or an entry not looked at.
    @discardableResult
    public static func walk(_ root: String, depth: Int = .max, folders: Bool = false, _ visit: (String, stat) -> Void) -> Bool {
        var complete = true
        func walk(_ folder: String, prefix: String, level: Int) {
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
                if info.st_mode & S_IFMT == S_IFDIR && level < depth {
                    if folders { visit(prefix + name, info) }
                    walk(folder + "/" + name, prefix: prefix + name + "/", level: level + 1)
                } else {
                    visit(prefix + name, info)
                }
            }
        }
        walk(root, prefix: "", level: 0)
        return complete
    }
}
