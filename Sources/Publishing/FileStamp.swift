import Foundation

/// The size and modification time of a published file: what tells a later build that the file
/// is still the one it wrote (an edit or a copy by hand changes at least one of them).
public struct FileStamp: Sendable, Equatable {
    public var size: Int64
    /// Nanoseconds since 1970.
    public var modified: Int64

    init(_ info: stat) {
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }

    /// The stamp of a folder inside the output (or the spare): its size and its change time,
    /// which any entry added, removed or renamed in it moves and which no tool can set back (a
    /// modification time can be). The output folder itself is stamped by `init(_:)`: it is
    /// renamed as it is swapped in and out, which moves its change time but not its modification time.
    init(folder info: stat) {
        size = Int64(info.st_size)
        modified = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    }

    public init(size: Int64, modified: Int64) {
        self.size = size
        self.modified = modified
    }

    /// The stamp of the file at `path`, nil when there is none (or it is not a regular file).
    static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileStamp(info)
    }
}
