import Foundation
import Diagnostics
import SafePaths
import TextKeys

/// A 64-bit hash (`StreamHash`) of files' paths and bytes: enough to tell whether staff changed a
/// year's files since the last import (not a security measure).
struct Fingerprint {
    private var hash = StreamHash()

    mutating func add(_ bytes: [UInt8]) {
        hash.add(bytes)
    }

    /// Reads the file in pieces into `buffer`: a table may be tens of megabytes, and is hashed
    /// before it is read. A file that cannot be read is an error, never hashed as empty.
    mutating func add(path: String, as name: String, shown: String, buffer: UnsafeMutableRawBufferPointer) throws {
        add(Array(name.utf8) + [0])
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError.unreadable(shown, errno) }
        defer { close(fd) }
        while true {
            let count = read(fd, buffer.baseAddress, buffer.count)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError.unreadable(shown, errno)
            }
            hash.add(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
        add([0])
    }

    var value: String { String(hash.words.0, radix: 16) }

    /// The fingerprint of every file under `folder` of the content (sorted by path), plus the
    /// `extra` files (absent ones count as empty). A file that cannot be read is an input error:
    /// hashing it as empty could match nothing, but must never pass for "unchanged".
    static func of(folder: String, in content: SourceFolder, extra: [String], version: String) throws -> String {
        var fingerprint = Fingerprint()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        fingerprint.add(Array(version.utf8))
        for path in extra {
            let name = (path as NSString).lastPathComponent
            if let url = try content.file(path) {
                try fingerprint.add(path: url.path, as: name, shown: content.displayPath + "/" + path, buffer: buffer)
            } else {
                fingerprint.add(Array(name.utf8) + [0, 0])
            }
        }
        for file in try content.resolvedFiles(under: folder) {
            try fingerprint.add(path: file.path, as: file.relative, shown: content.displayPath + "/" + folder + "/" + file.relative,
                                buffer: buffer)
        }
        return fingerprint.value
    }
}
