import Foundation

/// Notices edits under folders by polling: the path, size and modification time of every file.
/// Polling needs no platform API and is cheap for a site of a few thousand files.
public struct ChangeWatcher: Sendable {
    public let folders: [URL]
    private var last: [String: Stamp]

    struct Stamp: Equatable {
        var size: Int
        var modified: Date
    }

    public init(folders: [URL]) {
        self.folders = folders
        last = Self.scan(folders)
    }

    /// Whether anything was added, removed or modified since the last call (or creation).
    public mutating func changed() -> Bool {
        let now = Self.scan(folders)
        defer { last = now }
        return now != last
    }

    static func scan(_ folders: [URL]) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        for folder in folders {
            guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else { continue }
            for case let url as URL in files {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                stamps[url.path] = Stamp(size: values.fileSize ?? 0, modified: values.contentModificationDate ?? .distantPast)
            }
        }
        return stamps
    }
}
