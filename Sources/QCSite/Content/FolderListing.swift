import Foundation

/// The visible files under a folder, by relative path, sorted: theme files, a year's files.
enum FolderListing {
    static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var paths: [String] = []
        for case let path as String in enumerator {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDir), !isDir.boolValue,
               !(path as NSString).lastPathComponent.hasPrefix(".") {
                paths.append(path)
            }
        }
        return paths.sorted()
    }
}
