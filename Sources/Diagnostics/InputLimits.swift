import Foundation

/// The documented limits on content files (README, "Limits on input"). Tables come from many
/// member companies and are read as hostile: every size, count and length a reader meets is
/// bounded here, so a broken or malicious file is a located input error, never a crash, a hang
/// or gigabytes of memory.
package enum InputLimits {
    // Whole files, checked before reading.
    package static let csvBytes = 64 << 20
    package static let workbookBytes = 64 << 20
    package static let yamlBytes = 4 << 20
    package static let markdownBytes = 2 << 20

    // Workbook parts, checked from the zip's central directory before inflating and again while inflating.
    package static let zipEntries = 10_000
    package static let sheetXMLBytes = 128 << 20
    package static let sharedStringsXMLBytes = 64 << 20
    package static let otherPartBytes = 8 << 20
    package static let sharedStrings = 1_000_000
    /// Inflated size over stored size, for parts larger than `ratioCheckedFrom`.
    package static let compressionRatio = 100
    package static let ratioCheckedFrom = 1 << 20

    // Tables.
    package static let dataRows = 50_000
    /// Columns that may hold a value; empty cells beyond them are ignored.
    package static let columns = 128
    /// Excel's own cell limit.
    package static let cellCharacters = 32_767
    /// Excel's last row and column (XFD): a reference beyond them is no workbook Excel wrote.
    package static let sheetRows = 1_048_576
    package static let sheetColumns = 16_384

    // Fields.
    package static let idCharacters = 40
    package static let titleCharacters = 200
    package static let nameCharacters = 100
    package static let personCharacters = 50
    /// 处理意见 of a decision on a finding.
    package static let noteCharacters = 1000

    /// Input errors listed in one run; the rest are counted.
    static let listedErrors = 200

    /// "课题名称有 250 个字符，超过上限 200 个字符；…" when `value` is longer than `limit` characters.
    package static func lengthProblem(_ value: String, column: String, limit: Int) -> String? {
        let count = value.unicodeScalars.count
        guard count > limit else { return nil }
        return "\(column)有 \(count) 个字符，超过上限 \(limit) 个字符 (too long)；请缩短"
    }

    /// A file larger than `limit` is an input error, found before it is read.
    package static func checkFileSize(_ url: URL, displayPath: String, limit: Int) throws {
        var info = stat()
        let size = stat(url.path, &info) == 0 ? Int(info.st_size) : 0
        guard size <= limit else { throw tooLarge(displayPath, size: size, limit: limit) }
    }

    /// The bytes of a file of at most `limit` bytes, through one descriptor: its size from the
    /// open file, then its bytes, never more than `limit` (a file that grows past it while read
    /// is refused too). A file that cannot be read is an error, never empty bytes.
    package static func readFile(_ url: URL, displayPath: String, limit: Int) throws -> Data {
        let unreadable = { (code: Int32) in InputError.unreadable(displayPath, code) }
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw unreadable(errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw unreadable(errno) }
        let size = Int(info.st_size)
        guard size <= limit else { throw tooLarge(displayPath, size: size, limit: limit) }
        // One byte more than the size: reaching it means the file grew after fstat.
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while true {
            let read = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count)
            }
            if read < 0 {
                if errno == EINTR { continue }
                throw unreadable(errno)
            }
            if read == 0 { break }
            count += read
            if count == bytes.count {
                guard count <= limit else {
                    // Grown past the limit while read: its size as it is now.
                    var now = stat()
                    throw tooLarge(displayPath, size: fstat(fd, &now) == 0 ? max(Int(now.st_size), count) : count, limit: limit)
                }
                bytes.append(contentsOf: repeatElement(0, count: min(limit + 1, 2 * count) - count))
            }
        }
        return Data(bytes[..<count])
    }

    private static func tooLarge(_ displayPath: String, size: Int, limit: Int) -> InputError {
        InputError(path: displayPath, line: 0,
                   "文件有 \(InputLimits.size(size))，超过上限 \(InputLimits.size(limit)) (file too large)；请检查是否选错了文件，或删除多余的内容")
    }

    /// "64 MiB", for messages.
    package static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
    }
}
