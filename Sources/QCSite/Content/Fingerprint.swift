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

    /// Reads the file in pieces: a table may be tens of megabytes, and is hashed before it is read.
    mutating func add(file url: URL, as name: String) {
        add(Array(name.utf8) + [0])
        if let handle = try? FileHandle(forReadingFrom: url) {
            while let data = try? handle.read(upToCount: 1 << 20), !data.isEmpty {
                data.withUnsafeBytes { add($0) }
            }
            try? handle.close()
        }
        add([0])
    }

    var value: String { String(hash, radix: 16) }

    /// The fingerprint of every file under `folder` (sorted by path), plus `extra` files.
    static func of(folder: URL, extra: [URL], version: String) -> String {
        var fingerprint = Fingerprint()
        fingerprint.add(Array(version.utf8))
        for url in extra { fingerprint.add(file: url, as: url.lastPathComponent) }
        for path in FolderListing.files(under: folder) {
            fingerprint.add(file: folder.appendingPathComponent(path), as: path)
        }
        return fingerprint.value
    }
}
