import Foundation
import Diagnostics

/// RFC 4180 CSV: quoted cells holding commas, quotes ("") and line breaks; CRLF or LF.
/// A file saved by Excel as "Unicode text" (UTF-16, tab-separated) is read too.
///
/// The file is decoded and parsed as it is read, chunk by chunk, so memory follows the rows kept
/// (at most `InputLimits.dataRows`), not the file's size; the encoding is told as
/// `TextDecoding.decode` tells it: a BOM, else UTF-8, else GB18030 (the file is read again).
public enum CSVReader {
    public static func read(_ url: URL, displayPath: String) throws -> Table {
        try InputLimits.checkFileSize(url, displayPath: displayPath, limit: InputLimits.csvBytes)
        let file: FileHandle
        do {
            file = try FileHandle(forReadingFrom: url)
        } catch {
            throw InputError(path: displayPath, line: 0, "文件无法读取 (cannot read the file): \(error.localizedDescription)")
        }
        defer { try? file.close() }
        let head = try chunk(file, at: 0, displayPath: displayPath, count: 3)
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            return try read(file, from: 0, as: "UTF-16", separator: UInt8(ascii: "\t"), displayPath: displayPath)
        }
        if head == [0xEF, 0xBB, 0xBF] {
            return try read(file, from: 3, as: nil, separator: UInt8(ascii: ","), displayPath: displayPath)
        }
        do {
            return try read(file, from: 0, as: nil, separator: UInt8(ascii: ","), displayPath: displayPath)
        } catch is CSVTokenizer.NotUTF8 {
            return try read(file, from: 0, as: "GB18030", separator: UInt8(ascii: ","), displayPath: displayPath)
        }
    }

    /// Parses CSV text; the first non-blank record is the header.
    public static func parse(_ text: String, path: String, separator: Character = ",") throws -> Table {
        var reading = Reading(path: path, separator: separator.asciiValue ?? UInt8(ascii: ","))
        try reading.run { feed in try Array(text.utf8).withUnsafeBufferPointer { try feed($0) } }
        return try reading.builder.table()
    }

    /// Reads the file from `offset`, converting from `encoding` (nil: it is UTF-8).
    private static func read(_ file: FileHandle, from offset: Int, as encoding: String?, separator: UInt8,
                             displayPath: String) throws -> Table {
        let hint = "文件编码无法识别 (cannot decode the file): 请用 Excel「另存为 → CSV UTF-8」或保存为 GB18030/GBK 编码的 CSV"
        let transcoder = try encoding.map { name in
            guard let transcoder = Transcoder(from: name) else { throw InputError(path: displayPath, line: 0, hint) }
            return transcoder
        }
        var reading = Reading(path: displayPath, separator: separator)
        do {
            try reading.run { feed in
                var position = offset
                while true {
                    let bytes = try chunk(file, at: position, displayPath: displayPath, count: 1 << 16)
                    position += bytes.count
                    let final = bytes.isEmpty
                    if let transcoder {
                        let text = try bytes.withUnsafeBufferPointer { try transcoder.convert($0, final: final) }
                        try text.withUnsafeBufferPointer { try feed($0) }
                    } else {
                        try bytes.withUnsafeBufferPointer { try feed($0) }
                    }
                    if final { break }
                }
            }
        } catch is Transcoder.Invalid {
            throw InputError(path: displayPath, line: 0, hint)
        } catch is CSVTokenizer.NotUTF8 where encoding != nil || offset > 0 {
            // Converted text, or text behind a UTF-8 BOM: there is no other encoding to try.
            throw InputError(path: displayPath, line: 0, hint)
        }
        return try reading.builder.table()
    }

    private static func chunk(_ file: FileHandle, at offset: Int, displayPath: String, count: Int) throws -> [UInt8] {
        do {
            try file.seek(toOffset: UInt64(offset))
            return [UInt8](try file.read(upToCount: count) ?? Data())
        } catch {
            throw InputError(path: displayPath, line: 0, "文件无法读取 (cannot read the file): \(error.localizedDescription)")
        }
    }

    /// One pass over the text: tokenizer into table builder.
    private struct Reading {
        var tokenizer: CSVTokenizer
        var builder: TableBuilder

        init(path: String, separator: UInt8) {
            tokenizer = CSVTokenizer(separator: separator)
            builder = TableBuilder(path: path)
        }

        /// Runs `produce`, which feeds the UTF-8 text in chunks; stops at the row limit.
        mutating func run(_ produce: ((UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) throws {
            var tokenizer = self.tokenizer, builder = self.builder
            defer { self.tokenizer = tokenizer; self.builder = builder }
            func add(_ record: CSVTokenizer.Record) throws {
                try builder.add(Table.Row(line: record.line, cells: record.cells), beyondColumns: record.beyondColumns,
                                problems: record.problems)
            }
            do {
                try produce { bytes in try tokenizer.feed(bytes, add) }
                try tokenizer.finish(path: builder.path, add)
            } catch is TableBuilder.TooManyRows {
                // Logged by the builder; the rest of the file is not read.
            } catch let error as InputError {
                builder.error(error.line, error.message)
            }
        }
    }
}
