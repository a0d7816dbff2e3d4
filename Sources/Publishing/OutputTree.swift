import Foundation
import SafePaths
import Parallelism

/// The files of an output folder with their stamps.
public struct OutputTree: Sendable {
    /// The stamps of the site's regular files (the marker and the build record aside), by
    /// relative path.
    public var files: [String: FileStamp]
    /// False when anything else was found (a link, a device, a folder that cannot be listed).
    public var complete: Bool
    /// The digest of `files`, which the build record holds of the files it describes.
    public var digest: StampDigest
    /// The stamps of its folders, the root's at "", when the scan was asked for them.
    public var folders: [String: FileStamp]?

    /// Walks `root`: the folders at the top (a year's thousand page folders each) side by side;
    /// with `folders`, their stamps are kept too (a digest of them vouches for the spare: `BuildRecord.SpareDigests`).
    public static func scan(_ root: String, folders keepFolders: Bool = false) -> OutputTree {
        var top: [(String, stat)] = []
        var rootStamp: FileStamp?
        let listed = FileTree.walk(root, depth: 0, folders: keepFolders ? { _, info in rootStamp = FileStamp(info) } : nil) {
            top.append(($0, $1))
        }
        let folders = top.filter { $0.1.st_mode & S_IFMT == S_IFDIR }.map(\.0)
        // Each part's files are checked and hashed on its own core, then gathered in one map.
        func part(_ entries: [(String, stat)], complete: Bool, folders: [(String, FileStamp)] = [])
            -> (files: [(String, FileStamp)], complete: Bool, digest: StampDigest, folders: [(String, FileStamp)]) {
            var part = (files: [(String, FileStamp)](), complete: complete, digest: StampDigest(), folders: folders)
            part.files.reserveCapacity(entries.count)
            for (path, info) in entries {
                guard info.st_mode & S_IFMT == S_IFREG else {
                    part.complete = false
                    continue
                }
                guard path != OutputFolderRule.marker && path != BuildRecord.fileName else { continue }
                let stamp = FileStamp(info)
                part.files.append((path, stamp))
                part.digest.add(path, stamp)
            }
            return part
        }
        // The files at the top are one more part, after the folders.
        let parts = Parallel.map(folders) { folder in
            var found: [(String, stat)] = [], stamps: [(String, FileStamp)] = []
            let complete = FileTree.walk(root + "/" + folder, folders: keepFolders ? { path, info in
                stamps.append((path.isEmpty ? folder : folder + "/" + path, FileStamp(info)))
            } : nil) { found.append((folder + "/" + $0, $1)) }
            return part(found, complete: complete, folders: stamps)
        } + [part(top.filter { $0.1.st_mode & S_IFMT != S_IFDIR }, complete: listed, folders: rootStamp.map { [("", $0)] } ?? [])]
        var tree = OutputTree(files: [:], complete: true, digest: StampDigest(), folders: keepFolders ? [:] : nil)
        tree.files.reserveCapacity(parts.reduce(0) { $0 + $1.files.count })
        for part in parts {
            for (path, stamp) in part.files { tree.files[path] = stamp }
            for (path, stamp) in part.folders { tree.folders?[path] = stamp }
            tree.complete = tree.complete && part.complete
            tree.digest.add(part.digest)
        }
        return tree
    }
}
