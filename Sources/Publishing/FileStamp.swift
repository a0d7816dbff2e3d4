import Foundation

/// The size and modification time of a published file: what tells a later build that the file
/// is still the one it wrote (an edit or a copy by hand changes at least one of them).
public struct FileStamp: Sendable, Equatable {
    public var size: Int64
    /// Nanoseconds since 1970.
    public var modified: Int64

    init(_ info: stat) {
        size = Int64(info.st_size)
        modified = info.st_mtim.nanoseconds
    }

    /// The stamp of a folder inside the output (or the spare): its size and its change time,
    /// which any entry added, removed or renamed in it moves and which no tool can set back (a
    /// modification time can be). The output folder itself is stamped by `init(_:)`: it is
    /// renamed as it is swapped in and out, which moves its change time but not its modification time.
    init(folder info: stat) {
        size = Int64(info.st_size)
        modified = info.st_ctim.nanoseconds
    }

    public init(size: Int64, modified: Int64) {
        self.size = size
        self.modified = modified
    }

    /// The time now by the clock file stamps are taken from (nanoseconds since 1970): every
    /// change made before the call is stamped at or before it.
    public static func now() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return now.nanoseconds
    }

    /// The stamp of the file at `path`, nil when there is none (or it is not a regular file).
    static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileStamp(info)
    }
}

extension timespec {
    /// The time as nanoseconds since 1970.
    public var nanoseconds: Int64 { Int64(tv_sec) * 1_000_000_000 + Int64(tv_nsec) }
}
