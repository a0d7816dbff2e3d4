import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Diagnostics

/// Decodes the bytes of a text file as Excel and editors in China save them:
/// UTF-8 with or without BOM, UTF-16 with BOM, or GB18030 (a superset of GBK and GB2312).
public enum TextDecoding {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8", utf8BOM = "UTF-8 (BOM)", utf16 = "UTF-16", gb18030 = "GB18030"
    }

    /// The decoded text and the encoding it was found in; nil when no candidate decodes every byte.
    public static func decode(_ data: Data) -> (text: String, encoding: Encoding)? {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return String(validating: bytes.dropFirst(3), as: UTF8.self).map { ($0, .utf8BOM) }
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return String(data: data, encoding: .utf16).map { ($0, .utf16) }
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return (text, .utf8)
        }
        return iconv(bytes, from: "GB18030", to: "UTF-8")
            .flatMap { String(validating: $0, as: UTF8.self) }.map { ($0, .gb18030) }
    }

    /// Converts `bytes` between encodings with glibc's iconv; nil on any invalid sequence.
    static func iconv(_ bytes: [UInt8], from source: String, to target: String) -> [UInt8]? {
        let converter = iconv_open(target, source)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var remaining = 0
        let ok: Bool = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count, outLeft = outBuffer.count
                let result = Glibc.iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                remaining = outLeft
                return result != -1 && inLeft == 0
            }
        }
        guard ok else { return nil }
        output.removeLast(remaining)
        return output
    }
}

extension TextDecoding {
    /// A content file's text and encoding; an unreadable or undecodable file, or one larger than
    /// `limit` bytes, is an input error naming the file, with `hint` saying how to save it.
    static func read(_ url: URL, displayPath: String, hint: String = "请保存为 UTF-8", limit: Int) throws -> (text: String, encoding: Encoding) {
        try decode(try InputLimits.readFile(url, displayPath: displayPath, limit: limit), displayPath: displayPath, hint: hint)
    }

    /// `decode`, or an input error naming the file the bytes were read from.
    static func decode(_ data: Data, displayPath: String, hint: String = "请保存为 UTF-8") throws -> (text: String, encoding: Encoding) {
        guard let decoded = decode(data) else {
            throw InputError(path: displayPath, line: 0, "文件编码无法识别 (cannot decode the file): \(hint)")
        }
        return decoded
    }

    /// GB18030 bytes of a text, as Excel in China saves a CSV (used to write such files).
    public static func gb18030Data(_ text: String) -> Data? {
        iconv(Array(text.utf8), from: "UTF-8", to: "GB18030").map { Data($0) }
    }
}
