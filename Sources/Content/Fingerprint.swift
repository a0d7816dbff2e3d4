import Foundation
import Diagnostics
import SafePaths
import TextKeys

/// A 64-bit FNV-1a hash of files' paths and bytes: enough to tell whether staff changed a
/// year's files since the last import (not a security measure).
struct Fingerprint {
    private var hash = FNV1a()

    mutating func add(_ bytes: some Sequence<UInt8>) {
        hash.add(bytes)
    }

    /// Reads the file in pieces: a table may be tens of megabytes, and is hashed before it is
    /// read. A file that cannot be read is an error, never hashed as empty.
    mutating func add(file url: URL, as name: String, shown: String) throws {
        add(Array(name.utf8) + [0])
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
                data.withUnsafeBytes { add($0) }
            }
        } catch {
            throw InputError(path: shown, line: 0, "文件无法读取 (cannot read the file): \(error.localizedDescription)")
        }
        add([0])
    }

    var value: String { String(hash.value, radix: 16) }

    /// The fingerprint of every file under `folder` of the content (sorted by path), plus the
    /// `extra` files (absent ones count as empty). A file that cannot be read is an input error:
    /// hashing it as empty could match nothing, but must never pass for "unchanged".
    static func of(folder: String, in content: SourceFolder, extra: [String], version: String) throws -> String {
        var fingerprint = Fingerprint()
        fingerprint.add(Array(version.utf8))
        for path in extra {
            let name = (path as NSString).lastPathComponent
            if let url = try content.file(path) {
                try fingerprint.add(file: url, as: name, shown: content.displayPath + "/" + path)
            } else {
                fingerprint.add(Array(name.utf8) + [0, 0])
            }
        }
        for path in try content.files(under: folder) {
            try fingerprint.add(file: try content.existingFile(folder + "/" + path), as: path,
                                shown: content.displayPath + "/" + folder + "/" + path)
        }
        return fingerprint.value
    }
}
