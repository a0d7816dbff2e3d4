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
    /// `key`, when given, takes the file's bytes too; `kept`, when given, keeps them while they
    /// are no more than `keeping` bytes (nil past that).
    mutating func add(path: String, as name: String, shown: String, buffer: UnsafeMutableRawBufferPointer,
                      key: inout StreamHash?, kept: inout Data?, keeping: Int = 0) throws {
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
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[..<count])
            hash.add(bytes)
            key?.add(bytes)
            if kept != nil {
                if kept!.count + count <= keeping { kept!.append(bytes.assumingMemoryBound(to: UInt8.self)) } else { kept = nil }
            }
        }
        add([0])
    }

    var value: String { String(hash.words.0, radix: 16) }

    /// The key of one file's bytes as files are read under `version` (`Writeup.source`): a
    /// write-up archived from a file whose key is the same is the write-up the file gives.
    static func sourceKey(version: String) -> StreamHash {
        var key = StreamHash()
        key.add(counted: version)
        return key
    }

    /// The fingerprint of every file under `folder` of the content (sorted by path), plus the
    /// `extra` files (absent ones count as empty), the source key (`sourceKey`) of each file
    /// under the folder that `keyed` picks, and the bytes of each that `kept` picks, up to
    /// `keeping` bytes a file and `keepingAll` in all, by its path there: the year's reader
    /// parses those bytes, the very ones hashed, instead of reading the files again. A file that
    /// cannot be read is an input error: hashing it as empty could match nothing, but must never
    /// pass for "unchanged".
    static func of(folder: String, in content: SourceFolder, extra: [String], version: String,
                   keyed: (String) -> Bool = { _ in false }, kept: (String) -> Bool = { _ in false },
                   keeping: Int = 0, keepingAll: Int = 0)
        throws -> (value: String, keys: [String: String], contents: [String: Data]) {
        var fingerprint = Fingerprint()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        fingerprint.add(Array(version.utf8))
        var (none, notKept): (StreamHash?, Data?) = (nil, nil)
        for path in extra {
            let name = (path as NSString).lastPathComponent
            if let url = try content.file(path) {
                try fingerprint.add(path: url.path, as: name, shown: content.displayPath + "/" + path, buffer: buffer,
                                    key: &none, kept: &notKept)
            } else {
                fingerprint.add(Array(name.utf8) + [0, 0])
            }
        }
        var keys: [String: String] = [:]
        var contents: [String: Data] = [:], keptBytes = 0
        for file in try content.resolvedFiles(under: folder) {
            var key = keyed(file.relative) ? sourceKey(version: version) : nil
            var bytes: Data? = keptBytes < keepingAll && kept(file.relative) ? Data() : nil
            try fingerprint.add(path: file.path, as: file.relative, shown: content.displayPath + "/" + folder + "/" + file.relative,
                                buffer: buffer, key: &key, kept: &bytes, keeping: min(keeping, keepingAll - keptBytes))
            if let key { keys[file.relative] = key.hex }
            if let bytes {
                contents[file.relative] = bytes
                keptBytes += bytes.count
            }
        }
        return (fingerprint.value, keys, contents)
    }
}
