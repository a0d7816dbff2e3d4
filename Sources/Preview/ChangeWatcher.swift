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
        last = Self.scan(folders) ?? [:]
    }

    /// Whether anything was added, removed or modified since the last call (or creation).
    /// A scan cut short because the process had no file descriptor left tells nothing: it is
    /// not a change (a rebuild of a site that did not change), and the next call looks again.
    /// A folder that cannot be read for any other reason counts as emptied, so the rebuild
    /// that follows shows staff the error.
    public mutating func changed() -> Bool {
        guard let now = Self.scan(folders) else { return false }
        defer { last = now }
        return now != last
    }

    /// Every regular file's stamp; nil when descriptors ran out before everything was listed.
    static func scan(_ folders: [URL]) -> [String: Stamp]? {
        var stamps: [String: Stamp] = [:]
        var outOfDescriptors = false
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        for folder in folders {
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) { _, error in
                let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
                if underlying?.domain == NSPOSIXErrorDomain && [EMFILE, ENFILE].contains(Int32(underlying?.code ?? 0)) {
                    outOfDescriptors = true
                }
                return true
            }
            guard let files else { continue }
            for case let url as URL in files {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                stamps[url.path] = Stamp(size: values.fileSize ?? 0, modified: values.contentModificationDate ?? .distantPast)
            }
        }
        return outOfDescriptors ? nil : stamps
    }
}
