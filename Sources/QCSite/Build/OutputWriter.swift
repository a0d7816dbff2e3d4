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
            for path in files.keys.sorted() {
                let target = staging.appendingPathComponent(path)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if !changedSet.contains(path), link(output.appendingPathComponent(path).path, target.path) == 0 { continue }
                try files[path]!.write(to: target)
            }
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
