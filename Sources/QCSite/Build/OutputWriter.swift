import Foundation
import CFileSwap

/// What writing the output changed.
public struct OutputSummary: Sendable, Equatable {
    public var written: Int
    public var unchanged: Int
    public var removed: Int
}

/// Publishes a complete set of files as the output folder: built beside it, then swapped in
/// with one atomic exchange, so a failed build leaves the old site whole. A file whose bytes
/// did not change keeps its inode and time (hard-linked), so upload tools see only real changes;
/// when nothing changed, nothing on disk is touched.
public enum OutputWriter {
    public static func publish(_ files: [String: Data], to output: URL) throws -> OutputSummary {
        let fm = FileManager.default
        let output = output.standardizedFileURL
        let oldFiles = existingFiles(in: output)
        var summary = OutputSummary(written: 0, unchanged: 0, removed: oldFiles.subtracting(files.keys).count)
        var changed: [String] = []
        for (path, data) in files {
            if oldFiles.contains(path), let old = fm.contents(atPath: output.appendingPathComponent(path).path), old == data {
                summary.unchanged += 1
            } else {
                changed.append(path)
            }
        }
        summary.written = changed.count
        if changed.isEmpty && summary.removed == 0 && fm.fileExists(atPath: output.path) { return summary }

        let parent = output.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(getpid())")
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            let changedSet = Set(changed)
            var folders = FolderMaker(root: staging.path)
            for path in files.keys.sorted() {
                try folders.make((path as NSString).deletingLastPathComponent)
                let target = staging.path + "/" + path
                if !changedSet.contains(path), link(output.path + "/" + path, target) == 0 { continue }
                try write(files[path]!, to: target)
            }
            // One flush of the new site before it is swapped in, not one per file.
            _ = qc_sync_file_system(staging.path)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        if !fm.fileExists(atPath: output.path) {
            try fm.moveItem(at: staging, to: output)
        } else if qc_exchange_paths(staging.path, output.path) == 0 {
            try fm.removeItem(at: staging)  // now the old site
        } else {
            // File systems without an atomic exchange: two renames, the old site kept until the end.
            let old = parent.appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
            try fm.moveItem(at: output, to: old)
            try fm.moveItem(at: staging, to: output)
            try? fm.removeItem(at: old)
        }
        return summary
    }

    /// Writes a new file without the per-file fsync `Data.write` does (see the one flush above).
    static func write(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError(path: path, errno: errno) }
        defer { close(fd) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw OutputError(path: path, errno: errno)
                }
                offset += n
            }
        }
    }

    /// Creates the folders of the staging site, each once, parents first.
    struct FolderMaker {
        let root: String
        private var made: Set<String> = [""]

        init(root: String) {
            self.root = root
        }

        mutating func make(_ relative: String) throws {
            guard !made.contains(relative) else { return }
            try make((relative as NSString).deletingLastPathComponent)
            if mkdir(root + "/" + relative, 0o755) != 0 && errno != EEXIST { throw OutputError(path: root + "/" + relative, errno: errno) }
            made.insert(relative)
        }
    }

    /// A file of the new site that could not be written (disk full, no permission).
    struct OutputError: Error, CustomStringConvertible {
        let path: String
        let errno: Int32
        var description: String { "无法写入 \(path)：\(String(cString: strerror(errno)))" }
    }

    /// Relative paths of the regular files under `folder`.
    static func existingFiles(in folder: URL) -> Set<String> {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var paths = Set<String>()
        while let path = enumerator.nextObject() as? String {
            if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular { paths.insert(path) }
        }
        return paths
    }
}
