import Foundation
import SafePaths

/// The files of an output folder with their stamps.
enum OutputTree {
    /// Relative paths of the site's regular files (the marker and the build record aside);
    /// anything else found (a link, a device, a folder that cannot be listed) makes `complete` false.
    static func files(in root: String) -> (files: [String: FileStamp], complete: Bool) {
        // The folders at the top (a year's thousand page folders each) are walked side by side.
        var top: [(String, stat)] = []
        var complete = FileTree.walk(root, depth: 0) { top.append(($0, $1)) }
        let folders = top.filter { $0.1.st_mode & S_IFMT == S_IFDIR }.map(\.0)
        let parts = UnsafeMutableBufferPointer<(files: [(String, stat)], complete: Bool)>.allocate(capacity: folders.count)
        defer {
            _ = parts.deinitialize()  // every part was set by its walk
            parts.deallocate()
        }
        nonisolated(unsafe) let output = parts
        DispatchQueue.concurrentPerform(iterations: folders.count) { index in
            var found: [(String, stat)] = []
            let listed = FileTree.walk(root + "/" + folders[index]) { found.append((folders[index] + "/" + $0, $1)) }
            (output.baseAddress! + index).initialize(to: (found, listed))
        }
        var files: [String: FileStamp] = [:]
        for (path, info) in top.filter({ $0.1.st_mode & S_IFMT != S_IFDIR }) + parts.flatMap(\.files) {
            guard info.st_mode & S_IFMT == S_IFREG else {
                complete = false
                continue
            }
            if path != OutputFolderRule.marker && path != BuildRecord.fileName { files[path] = FileStamp(info) }
        }
        complete = complete && parts.allSatisfy(\.complete)
        return (files, complete)
    }
}
