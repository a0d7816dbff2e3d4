import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Diagnostics

/// A folder qcsite reads from: the content folder or the theme. Every path read is resolved to
/// its real location and must lie inside the folder (a symbolic link may point elsewhere inside
/// it, never out of it), and whatever cannot be listed or read is an input error naming it —
/// never "nothing there", which would let an import drop archived data.
package struct SourceFolder: Sendable {
    /// The canonical real path of the folder.
    let realPath: String
    /// How error messages name the folder (`content`, `themes/default`).
    package let displayPath: String

    package enum Kind: Sendable { case file, folder }

    package struct Entry: Sendable, Equatable {
        package var name: String
        package var kind: Kind
    }

    /// The folder at `url`, or nil when nothing is there.
    package static func open(_ url: URL, displayPath: String) throws -> SourceFolder? {
        guard let real = realpath(url.path, nil) else {
            let code = errno
            switch lstatKind(url.path) {
            case nil where code == ENOENT: return nil
            case S_IFLNK?: throw InputError(path: displayPath, line: 0, "符号链接指向不存在的位置或形成循环 (a broken or looping link)")
            default: throw InputError.unreadable(displayPath, code)
            }
        }
        defer { free(real) }
        let folder = SourceFolder(realPath: String(cString: real), displayPath: displayPath)
        guard try folder.kind(of: "") == .folder else {
            throw InputError(path: displayPath, line: 0, "不是文件夹 (not a folder)；请指定一个文件夹")
        }
        return folder
    }

    /// What `relative` (a `/`-separated path inside the folder; "" for the folder itself) names,
    /// or nil when nothing is there.
    package func kind(of relative: String) throws -> Kind? {
        try resolve(relative)?.kind
    }

    /// The real location of the regular file `relative`, checked to be inside the folder and
    /// readable, for readers that open files themselves; nil when nothing is there.
    package func file(_ relative: String) throws -> URL? {
        guard let resolved = try resolve(relative) else { return nil }
        let shown = show(relative)
        guard resolved.kind == .file else {
            throw InputError(path: shown, line: 0, "这是文件夹，不是文件 (a folder, not a file)；请改名或移走它")
        }
        guard access(resolved.path, R_OK) == 0 else { throw InputError.unreadable(shown, errno) }
        return URL(fileURLWithPath: resolved.path)
    }

    /// Like `file`, for a file that must be there (listed a moment ago, or named by staff).
    package func existingFile(_ relative: String) throws -> URL {
        guard let url = try file(relative) else {
            throw InputError(path: show(relative), line: 0, "文件不存在 (no such file)")
        }
        return url
    }

    /// The bytes of the regular file `relative`; a missing file is an error too.
    package func data(_ relative: String) throws -> Data {
        let url = try existingFile(relative)
        do {
            return try Data(contentsOf: url)
        } catch {
            throw InputError(path: show(relative), line: 0, "文件无法读取 (cannot read the file): \(error.localizedDescription)")
        }
    }

    /// The visible entries of the folder `relative` (names starting with `.` are skipped), sorted
    /// by name, each checked; none when the folder is not there. Every bad entry is reported.
    package func entries(in relative: String) throws -> [Entry] {
        try children(of: relative).map(\.entry)
    }

    /// `entries(in:)` with each entry's real path: the folder is resolved once, and each entry
    /// by its own name from there (not by every component from the top again). A reader that
    /// opens a file by this path learns it cannot read it from the open.
    package func children(of relative: String) throws -> [(entry: Entry, path: String)] {
        guard let folder = try resolve(relative) else { return [] }
        let shownFolder = show(relative)
        guard folder.kind == .folder else {
            throw InputError(path: shownFolder, line: 0, "应为文件夹，却是一个文件 (a file where a folder belongs)；请改名或移走它")
        }
        var errors = ErrorLog()
        var entries: [(entry: Entry, path: String)] = []
        for name in try Self.names(in: folder.path, shown: shownFolder) where !name.hasPrefix(".") {
            let child = relative.isEmpty ? name : relative + "/" + name
            if let resolved = errors.attempt({ try step(from: folder.path, name, isLast: true, shown: show(child), parentShown: shownFolder) }),
               let resolved {
                entries.append((Entry(name: name, kind: resolved.kind), resolved.path))
            }
        }
        if !errors.isEmpty { throw InputErrors(errors.errors) }
        return entries.sorted { $0.entry.name < $1.entry.name }
    }

    /// Every visible file under the folder `relative`, by path relative to it, sorted; none when
    /// the folder is not there. A symbolic link that leads back to a folder being listed is an error.
    package func files(under relative: String) throws -> [String] {
        try resolvedFiles(under: relative).map(\.relative)
    }

    /// `files(under:)` with each file's checked real path, to be read without resolving it again.
    package func resolvedFiles(under relative: String) throws -> [(relative: String, path: String)] {
        var errors = ErrorLog()
        var files: [(relative: String, path: String)] = []
        func walk(_ folder: String, prefix: String, ancestors: Set<String>) {
            guard let entries = errors.attempt({ try children(of: folder) }) else { return }
            for (entry, real) in entries {
                let child = folder.isEmpty ? entry.name : folder + "/" + entry.name
                let path = prefix + entry.name
                guard entry.kind == .folder else {
                    files.append((path, real))
                    continue
                }
                if ancestors.contains(real) {
                    errors.add(show(child), 0, "符号链接指向它所在的上级文件夹，形成循环 (a link loop)；请删除这个链接")
                    continue
                }
                walk(child, prefix: path + "/", ancestors: ancestors.union([real]))
            }
        }
        let start = try resolve(relative)
        guard let start else { return [] }
        walk(relative, prefix: "", ancestors: [start.path])
        if !errors.isEmpty { throw InputErrors(errors.errors) }
        return files.sorted { $0.relative < $1.relative }
    }

    // MARK: resolving

    private struct Resolved {
        var path: String
        var kind: Kind
    }

    /// Walks `relative` one component at a time from the folder's real path, following symbolic
    /// links only where they stay inside the folder.
    private func resolve(_ relative: String) throws -> Resolved? {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var current = Resolved(path: realPath, kind: .folder)
        for (index, part) in parts.enumerated() {
            guard let next = try step(from: current.path, part, isLast: index == parts.count - 1,
                                      shown: show(parts[...index].joined(separator: "/")),
                                      parentShown: show(parts[..<index].joined(separator: "/"))) else { return nil }
            current = next
        }
        return current
    }

    /// One component `part` of a path, from the real path of the folder holding it; nil when
    /// nothing is there. Only the last component may be a regular file.
    private func step(from folder: String, _ part: String, isLast: Bool, shown: @autoclosure () -> String,
                      parentShown: @autoclosure () -> String) throws -> Resolved? {
        guard part != "..", part != "." else {
            throw InputError(path: shown(), line: 0, "路径中不能有 . 或 .. (no . or .. in a path)")
        }
        var candidate = folder == "/" ? "/" + part : folder + "/" + part
        var info = stat()
        if lstat(candidate, &info) != 0 {
            let code = errno
            if code == ENOENT { return nil }
            // Searching a folder needs its x permission: the folder is at fault, not the entry.
            throw InputError.unreadable(code == EACCES ? parentShown() : shown(), code)
        }
        if info.st_mode & S_IFMT == S_IFLNK {
            guard let real = realpath(candidate, nil) else {
                throw InputError(path: shown(), line: 0, "符号链接指向不存在的位置或形成循环 (a broken or looping link)；请删除它，或换成真正的文件")
            }
            candidate = String(cString: real)
            free(real)
            guard contains(candidate) else {
                throw InputError(path: shown(), line: 0, "符号链接指向 \(displayPath) 之外的 \(candidate) (a link leaving the folder)；"
                    + "qcsite 只读取 \(displayPath) 中的文件：请把需要的文件复制进来，替换这个链接")
            }
            guard stat(candidate, &info) == 0 else { throw InputError.unreadable(shown(), errno) }
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return Resolved(path: candidate, kind: .folder)
        case S_IFREG where isLast: return Resolved(path: candidate, kind: .file)
        case S_IFREG:
            throw InputError(path: shown(), line: 0, "应为文件夹，却是一个文件 (a file where a folder belongs)；请改名或移走它")
        default:
            throw InputError(path: shown(), line: 0, "不是普通文件或文件夹（如管道、设备） (not a regular file)；请换成普通文件")
        }
    }

    private func contains(_ path: String) -> Bool {
        path == realPath || path.hasPrefix(realPath == "/" ? "/" : realPath + "/")
    }

    private func show(_ relative: String) -> String {
        relative.isEmpty ? displayPath : displayPath + "/" + relative
    }

    /// The names in a folder; a folder that cannot be listed, or a name that is not UTF-8, is an error.
    private static func names(in path: String, shown: String) throws -> [String] {
        guard let dir = opendir(path) else { throw InputError.unreadable(shown, errno) }
        defer { closedir(dir) }
        var names: [String] = []
        var errors = ErrorLog()
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { throw InputError.unreadable(shown, errno) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(validatingCString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            guard let name else {
                errors.add(shown, 0, "有一个文件名不是 UTF-8 编码 (a file name that is not UTF-8)；请重命名该文件夹中乱码的文件")
                continue
            }
            if name != "." && name != ".." { names.append(name) }
        }
        if !errors.isEmpty { throw InputErrors(errors.errors) }
        return names
    }

    private static func lstatKind(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }
}
