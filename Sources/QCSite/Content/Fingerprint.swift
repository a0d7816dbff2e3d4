import Foundation

/// A 64-bit FNV-1a hash of files' paths and bytes: enough to tell whether staff changed a
/// year's files since the last import (not a security measure).
struct Fingerprint {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
    }

    mutating func add(_ data: Data, as name: String) {
        add(Array(name.utf8) + [0])
        data.withUnsafeBytes { add($0) }
        add([0])
    }

    var value: String { String(hash, radix: 16) }

    /// The fingerprint of every file under `folder` of the content (sorted by path), plus the
    /// `extra` files (absent ones count as empty). A file that cannot be read is an input error:
    /// hashing it as empty could match nothing, but must never pass for "unchanged".
    static func of(folder: String, in content: SourceFolder, extra: [String], version: String) throws -> String {
        var fingerprint = Fingerprint()
        fingerprint.add(Array(version.utf8))
        for path in extra {
            fingerprint.add(try content.file(path) == nil ? Data() : try content.data(path), as: (path as NSString).lastPathComponent)
        }
        for path in try content.files(under: folder) {
            fingerprint.add(try content.data(folder + "/" + path), as: path)
        }
        return fingerprint.value
    }
}
