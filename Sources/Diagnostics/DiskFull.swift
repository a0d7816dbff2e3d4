import Foundation

/// A write that failed because the disk (or the user's quota) is full, said in words staff can
/// act on instead of SQLite's or the system's code.
public struct DiskFull: Error, CustomStringConvertible {
    /// The folder that could not be written.
    public let folder: String

    public var description: String {
        "磁盘空间不足 (no space left on device)：无法写入 \(folder)；请清理该文件夹所在的磁盘后重试"
    }

    /// `error` as a `DiskFull` of `folder` when running out of space caused it; nil otherwise.
    /// `isFull` recognises the same in a library's own errors (SQLite's SQLITE_FULL).
    public static func cause(of error: any Error, folder: String, isFull: (any Error) -> Bool = { _ in false }) -> DiskFull? {
        switch error {
        case _ where isFull(error):
            return DiskFull(folder: folder)
        case let error as POSIXError where error.code == .ENOSPC || error.code == .EDQUOT:
            return DiskFull(folder: folder)
        case let error as CocoaError:
            let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError
            return underlying?.domain == NSPOSIXErrorDomain && [Int(ENOSPC), Int(EDQUOT)].contains(underlying?.code ?? 0)
                ? DiskFull(folder: folder) : nil
        default:
            return nil
        }
    }

    /// Runs `body`, turning running out of space into a `DiskFull` of `folder`.
    public static func naming<T>(_ folder: String, isFull: (any Error) -> Bool = { _ in false },
                                 _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw cause(of: error, folder: folder, isFull: isFull) ?? error
        }
    }
}
