import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Diagnostics

/// Where a build may put the site. Every build replaces the output folder whole, so it must
/// never be, hold or lie inside the content, the themes, the archive (or its backups) — nor be
/// or hold the working folder — and it must be a folder qcsite made (it holds the marker file)
/// or an empty one. Paths are compared by their canonical real paths, so `.`, `..` and
/// symbolic links cannot hide an overlap.
public enum OutputFolderRule {
    /// Written into every output folder: the sign that qcsite may replace it.
    public static let marker = ".qcsite-output"
    package static let markerText = Data("This folder is written by `qcsite build`; every build replaces it whole.\n".utf8)

    /// Every problem with the output folder of `paths`, thrown together as input errors.
    public static func check(_ paths: SitePaths, workingDirectory: String = FileManager.default.currentDirectoryPath) throws {
        let output = canonical(paths.output, from: workingDirectory)
        let archiveFolder = PathText.folder(of: paths.archive)
        let backups = (archiveFolder.isEmpty ? "" : archiveFolder + "/") + SitePaths.backupFolder(for: paths.archive).lastPathComponent
        let guarded: [(path: String, name: String, option: String?, mayHoldOutput: Bool)] = [
            (paths.content, "内容文件夹", "--content", true),
            (paths.themes, "主题文件夹", "--themes", true),
            (paths.archive, "存档文件", "--archive", false),
            (backups, "存档备份文件夹", "--archive", true),
            (workingDirectory, "当前工作文件夹", nil, false),
        ]
        var errors: [InputError] = []
        for (path, name, option, mayHoldOutput) in guarded {
            let other = canonical(path, from: workingDirectory)
            let relation: String
            if output == other {
                relation = "就是\(name) \(path)"
            } else if isInside(other, output) {
                relation = "包含\(name) \(path)"
            } else if mayHoldOutput && isInside(output, other) {
                relation = "位于\(name) \(path) 之中"
            } else {
                continue
            }
            errors.append(InputError(path: paths.output, line: 0, "输出文件夹\(relation) (the output folder overlaps it)："
                + "每次生成都会整体替换输出文件夹，\(name)会被删除或发布出去；请用 --output\(option.map { "（或 \($0)）" } ?? "") "
                + "另指文件夹，使两者互不包含，如 --output public"))
        }
        if errors.isEmpty, let problem = ownershipProblem(URL(fileURLWithPath: output), shown: paths.output) {
            errors.append(problem)
        }
        if !errors.isEmpty { throw InputErrors(errors) }
    }

    /// Why qcsite may not replace the folder at `output`: it is not a folder, or holds files but
    /// not the marker. Nil when it may (or when nothing is there yet).
    package static func ownershipProblem(_ output: URL, shown: String) -> InputError? {
        var info = stat()
        guard lstat(output.path, &info) == 0 else {
            return errno == ENOENT ? nil : InputError(path: shown, line: 0, "无法读取输出文件夹 (\(String(cString: strerror(errno))))")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            return InputError(path: shown, line: 0, "输出路径已有一个文件，不是文件夹 (not a folder)；请用 --output 另指一个文件夹")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: output.path)
        } catch {
            return InputError(path: shown, line: 0, "无法读取输出文件夹 (cannot list it: \(error.localizedDescription))；请检查它的权限")
        }
        guard !names.isEmpty, !names.contains(marker) else { return nil }
        return InputError(path: shown, line: 0, "输出文件夹中已有文件，却不是 qcsite 生成的（没有 \(marker) 标记） (not a qcsite output folder)："
            + "每次生成都会整体替换输出文件夹，其中的文件会被删除。请用 --output 指定一个新的或空的文件夹；"
            + "若它确是旧版 qcsite 生成的网站，删除它后重新生成")
    }

    /// The canonical real path of `path` (relative to `base`), for a path not there yet too:
    /// the real path of the nearest existing folder above it, with the rest appended.
    package static func canonical(_ path: String, from base: String) -> String {
        let absolute = path.hasPrefix("/") ? path : base + "/" + path
        var head = absolute.split(separator: "/").map(String.init)
        var rest: [String] = []
        while true {
            if let real = realpath("/" + head.joined(separator: "/"), nil) {
                defer { free(real) }
                var parts = String(cString: real).split(separator: "/").map(String.init)
                for part in rest.reversed() {
                    if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
                }
                return "/" + parts.joined(separator: "/")
            }
            guard let last = head.popLast() else { return absolute }
            rest.append(last)
        }
    }

    /// Whether `path` lies strictly inside `folder` (both canonical).
    static func isInside(_ path: String, _ folder: String) -> Bool {
        path != folder && path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }
}
