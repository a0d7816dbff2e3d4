import Foundation
import CFileSwap
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
    /// The stamps of its folders (`FileStamp(folder:)`), the root's at "" (`FileStamp(_:)`),
    /// when the scan was asked for them.
    public var folders: [String: FileStamp]?
    /// The record's `folders` time, when the tree is its record's word confirmed
    /// (`confirmed(_:by:)`): every folder was last changed by then. Nil for a walk.
    public var settled: Int64?
    /// The folders whose status, as the look found it, does not show that this process may empty
    /// them (`FileTree.mayEmpty`): only these are asked (`OutputWriter.survey`). Nil for a walk,
    /// which asks every folder.
    public var askedFolders: [String]?

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
                stamps.append((path.isEmpty ? folder : folder + "/" + path, FileStamp(folder: info)))
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

extension OutputTree {
    /// The output as its build record says it is, told without listing its folders: the output
    /// folder itself is listed (its record's own writes change it), every other folder the
    /// record's files are in is looked up by its path and every file by its own. Nil unless each
    /// of those folders was last changed (its change time, which no tool sets back) no later than
    /// the record's `folders` time and holds no folder besides the recorded ones (its link count:
    /// two, and one per folder in it), the output folder holds exactly the recorded names, the
    /// marker and the record, and each file is a regular one with its recorded stamp: then no
    /// file was added, removed, renamed or changed since the record was written, as a walk would
    /// tell, and the walk is left to a build that finds otherwise. A national site's 10,000
    /// folders are no longer opened and listed.
    public static func confirmed(_ root: String, by record: BuildRecord) -> OutputTree? {
        // (A clock set back since the record was written could stamp a change before its time.)
        guard let settled = record.folders, coarseNow() > settled else { return nil }
        var top: [String: stat] = [:]
        var rootStamp: FileStamp?
        var device = dev_t()
        guard FileTree.walk(root, depth: 0, folders: { _, info in (rootStamp, device) = (FileStamp(info), info.st_dev) }, { top[$0] = $1 }),
              let rootStamp, let handle = FileTree.openFolder(root) else { return nil }
        defer { close(handle) }
        let paths = Array(record.files.keys)
        // Each folder, and how many of the others are directly in it.
        let folders = Array(PathText.folders(holding: paths))
        var inside = Dictionary(uniqueKeysWithValues: folders.map { ($0, 0) })
        for folder in folders {
            let parent = PathText.folder(of: folder)
            if !parent.isEmpty { inside[parent]! += 1 }
        }
        // The output folder's own names: the recorded files and folders at its top, the marker and the record.
        for (name, info) in top {
            let kind = info.st_mode & S_IFMT
            if name == OutputFolderRule.marker || name == BuildRecord.fileName || record.files[name] != nil {
                guard kind == S_IFREG else { return nil }
            } else {
                guard kind == S_IFDIR, inside[name] != nil else { return nil }
            }
        }
        guard top[OutputFolderRule.marker] != nil, top[BuildRecord.fileName] != nil else { return nil }
        // The folders and then the files by their paths, on every core; a run ends at the first
        // that is not as recorded, and the look with it.
        let folderParts = Parallel.map(Parallel.runs(of: folders, size: 2048)) { run -> (found: [(String, FileStamp)], asked: [String])? in
            var found: [(String, FileStamp)] = [], asked: [String] = []
            found.reserveCapacity(run.count)
            for folder in run {
                var info = stat()
                // (A file system that does not count a folder's folders in its links, or a folder
                // of more than 65,000, gives other counts: such an output is walked.)
                guard fstatat(handle, folder, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFDIR,
                      Int(info.st_nlink) == 2 + inside[folder]! else { return nil }
                let stamp = FileStamp(folder: info)  // (its change time)
                guard stamp.modified <= settled else { return nil }
                found.append((folder, stamp))
                if !FileTree.mayEmpty(info, on: device) { asked.append(folder) }
            }
            return (found, asked)
        }
        var stamps: [String: FileStamp] = ["": rootStamp]
        stamps.reserveCapacity(folders.count + 1)
        var asked: [String] = []
        for part in folderParts {
            guard let part else { return nil }
            for (folder, stamp) in part.found { stamps[folder] = stamp }
            asked += part.asked
        }
        let fileParts = Parallel.map(Parallel.runs(of: paths, size: 2048)) { run -> StampDigest? in
            var digest = StampDigest()
            for path in run {
                var info = stat()
                guard fstatat(handle, path, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFREG,
                      FileStamp(info) == record.files[path]?.stamp else { return nil }
                digest.add(path, FileStamp(info))
            }
            return digest
        }
        guard let digest = StampDigest.sum(fileParts) else { return nil }
        return OutputTree(files: record.files.mapValues(\.stamp), complete: true, digest: digest, folders: stamps, settled: settled,
                          askedFolders: asked)
    }

    /// Whether a build may vouch for the times of the folders of `folder`'s file system
    /// (`BuildRecord.folders`): a local one whose times this machine's clock sets (not a network
    /// or FUSE file system, whose times another clock may set) and keeps finer than a millisecond
    /// (`folder`'s change time, just moved, says so: where times are coarser, a change within the
    /// same second could keep a folder's time).
    static func vouchesForFolders(_ folder: String) -> Bool {
        var info = stat()
        guard localFileSystems.contains(UInt64(qc_file_system_type(folder))), lstat(folder, &info) == 0 else { return false }
        return info.st_ctim.tv_nsec % 1_000_000 != 0
    }

    /// ext2/3/4, XFS, tmpfs, F2FS and overlayfs (`statfs`'s `f_type`). Others (btrfs, whose
    /// folders count no links to the folders in them, network and FUSE file systems) are walked.
    private static let localFileSystems: Set<UInt64> = [0xEF53, 0x5846_5342, 0x0102_1994, 0xF2F5_2010, 0x794C_7630]

    /// Waits until the clock changes are stamped by (its time at its last tick, or the latest
    /// time a change was stamped with, whichever is later) has passed `time`: a tick or two after
    /// it was `FileStamp.now()` (4 ms each on this machine). False when it has not within 100 ms
    /// (the clock was set back meanwhile).
    static func waitPast(_ time: Int64) -> Bool {
        for _ in 0..<400 {
            if coarseNow() > time { return true }
            usleep(250)
        }
        return false
    }

    /// The clock's time at its last tick (nanoseconds since 1970): a change made after this is
    /// called is stamped no earlier.
    static func coarseNow() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &now)
        return now.nanoseconds
    }
}
