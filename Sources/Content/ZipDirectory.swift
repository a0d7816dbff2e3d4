import Foundation
import Diagnostics

/// The central directory of a zip file (an xlsx workbook), read and checked before anything is
/// inflated: every count, size and offset must lie inside the file and within `InputLimits`, and
/// an entry is then streamed with its inflated size held to what the directory declared (a
/// directory can lie). Only what a workbook uses is read: stored or deflated entries, no
/// encryption, no archive split over several files.
struct ZipDirectory {
    struct Entry {
        let name: String
        let method: Int
        let flags: Int
        let crc: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    /// A problem with the zip, worded for staff.
    struct Failure: Error {
        let message: String
    }

    private let file: FileHandle
    private let fileSize: Int
    /// Where the central directory starts: every entry's data lies before it.
    private let directoryOffset: Int
    private var byName: [String: Entry] = [:]

    init(url: URL) throws {
        guard let file = try? FileHandle(forReadingFrom: url) else { throw Failure(message: "文件无法读取") }
        self.file = file
        let size = (try? file.seekToEnd()).flatMap { Int(exactly: $0) } ?? 0
        fileSize = size
        let end = try Self.endOfDirectory(file, size: size)
        directoryOffset = end.offset
        let directory = try Self.read(file, at: end.offset, count: end.size)
        byName = try Self.entries(directory, count: end.entries, fileSize: size)
    }

    func entry(_ name: String) -> Entry? { byName[name] }

    /// Streams the inflated bytes of `entry` to `consume`; more than `limit` bytes, a ratio beyond
    /// `InputLimits.compressionRatio`, or bytes beyond what the directory declares are refused.
    func read(_ entry: Entry, limit: Int, _ consume: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard entry.flags & 1 == 0 else { throw Failure(message: "工作簿已加密（设置了打开密码）；请在 Excel 中取消密码后另存") }
        guard entry.uncompressedSize <= limit else {
            throw Failure(message: "\(entry.name) 解压后有 \(InputLimits.size(entry.uncompressedSize))，超过上限 \(InputLimits.size(limit))")
        }
        if entry.uncompressedSize > InputLimits.ratioCheckedFrom,
           entry.uncompressedSize / max(entry.compressedSize, 1) > InputLimits.compressionRatio {
            throw Failure(message: "\(entry.name) 的压缩比超过 \(InputLimits.compressionRatio):1（疑似压缩炸弹）")
        }
        let header = try Self.read(file, at: entry.localHeaderOffset, count: 30)
        guard Self.uint32(header, 0) == 0x0403_4B50 else { throw Failure(message: "\(entry.name) 的本地文件头损坏") }
        let dataStart = entry.localHeaderOffset + 30 + Self.uint16(header, 26) + Self.uint16(header, 28)
        guard dataStart <= directoryOffset, entry.compressedSize <= directoryOffset - dataStart else {
            throw Failure(message: "\(entry.name) 的数据超出了文件范围")
        }
        var produced = 0
        var crc: UInt32 = 0
        func forward(_ bytes: UnsafeBufferPointer<UInt8>) throws {
            produced += bytes.count
            guard produced <= entry.uncompressedSize else {
                throw Failure(message: "\(entry.name) 解压后比目录记载的 \(entry.uncompressedSize) 字节更大（疑似压缩炸弹）")
            }
            crc = Inflater.crc32(crc, bytes)
            try consume(bytes)
        }
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw Failure(message: "\(entry.name) 的大小记载不一致") }
            try Self.stream(file, from: dataStart, count: entry.compressedSize) { try forward($0) }
        case 8:
            var inflater = try Inflater()
            try Self.stream(file, from: dataStart, count: entry.compressedSize) { try inflater.inflate($0, forward) }
            guard inflater.finished else { throw Failure(message: "\(entry.name) 的压缩数据不完整（文件已损坏）") }
        default:
            throw Failure(message: "\(entry.name) 使用了不支持的压缩方式 \(entry.method)")
        }
        guard produced == entry.uncompressedSize else { throw Failure(message: "\(entry.name) 解压后的大小与目录记载不符（文件已损坏）") }
        guard crc == entry.crc else { throw Failure(message: "\(entry.name) 的校验和不符（文件已损坏）") }
    }

    // MARK: The directory

    private struct End {
        var entries: Int
        var size: Int
        var offset: Int
    }

    /// The end-of-central-directory record, within the last 64 KiB (its comment's longest), and its ZIP64 form.
    private static func endOfDirectory(_ file: FileHandle, size: Int) throws -> End {
        let tailLength = min(size, 22 + 0xFFFF)
        let tail = try read(file, at: size - tailLength, count: tailLength)
        guard tail.count >= 22,
              let at = stride(from: tail.count - 22, through: 0, by: -1).first(where: { uint32(tail, $0) == 0x0605_4B50 }) else {
            throw Failure(message: "不是有效的 xlsx（不是 zip 文件）")
        }
        guard uint16(tail, at + 4) == 0, uint16(tail, at + 6) == 0 else { throw Failure(message: "分卷压缩的文件不能读取") }
        var end = End(entries: uint16(tail, at + 10), size: uint32(tail, at + 12), offset: uint32(tail, at + 16))
        let recordOffset = size - tailLength + at
        var limit = recordOffset
        if end.entries == 0xFFFF || end.size == 0xFFFF_FFFF || end.offset == 0xFFFF_FFFF {
            (end, limit) = try zip64End(file, recordOffset: recordOffset)
        }
        guard end.entries <= InputLimits.zipEntries else {
            throw Failure(message: "zip 中有 \(end.entries) 个文件，超过上限 \(InputLimits.zipEntries)")
        }
        guard end.offset <= limit, end.size <= limit - end.offset else { throw Failure(message: "zip 目录超出了文件范围") }
        return end
    }

    private static func zip64End(_ file: FileHandle, recordOffset: Int) throws -> (End, Int) {
        guard recordOffset >= 20 else { throw Failure(message: "ZIP64 目录缺失") }
        let locator = try read(file, at: recordOffset - 20, count: 20)
        guard uint32(locator, 0) == 0x0706_4B50, let at = uint64(locator, 8), at <= recordOffset - 20 - 56 else {
            throw Failure(message: "ZIP64 目录缺失或损坏")
        }
        let record = try read(file, at: at, count: 56)
        guard uint32(record, 0) == 0x0606_4B50, let entries = uint64(record, 32), let size = uint64(record, 40),
              let offset = uint64(record, 48) else {
            throw Failure(message: "ZIP64 目录损坏")
        }
        return (End(entries: entries, size: size, offset: offset), at)
    }

    private static func entries(_ directory: [UInt8], count: Int, fileSize: Int) throws -> [String: Entry] {
        var entries: [String: Entry] = [:]
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, uint32(directory, at) == 0x0201_4B50 else { throw Failure(message: "zip 目录损坏") }
            let nameLength = uint16(directory, at + 28), extraLength = uint16(directory, at + 30)
            let next = at + 46 + nameLength + extraLength + uint16(directory, at + 32)
            guard next <= directory.count else { throw Failure(message: "zip 目录损坏") }
            let name = String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            var uncompressed = uint32(directory, at + 24), compressed = uint32(directory, at + 20)
            var offset = uint32(directory, at + 42)
            let extra = directory[(at + 46 + nameLength)..<(at + 46 + nameLength + extraLength)]
            try zip64Sizes(extra, uncompressed: &uncompressed, compressed: &compressed, offset: &offset)
            guard offset <= fileSize - 30 else { throw Failure(message: "zip 目录中 \(name) 的位置超出了文件范围") }
            guard entries[name] == nil else { throw Failure(message: "zip 中有两个 \(name)") }
            entries[name] = Entry(name: name, method: uint16(directory, at + 10), flags: uint16(directory, at + 8),
                                  crc: UInt32(uint32(directory, at + 16)), compressedSize: compressed,
                                  uncompressedSize: uncompressed, localHeaderOffset: offset)
            at = next
        }
        return entries
    }

    /// Sizes and offset given as 0xFFFFFFFF in the directory are in the ZIP64 extra field, in this order.
    private static func zip64Sizes(_ extra: ArraySlice<UInt8>, uncompressed: inout Int, compressed: inout Int, offset: inout Int) throws {
        var at = extra.startIndex
        while at + 4 <= extra.endIndex {
            let id = uint16(extra, at), length = uint16(extra, at + 2)
            let body = at + 4
            guard body + length <= extra.endIndex else { throw Failure(message: "zip 目录的扩展字段损坏") }
            if id == 0x0001 {
                var field = body
                func next(_ value: inout Int) throws {
                    guard value == 0xFFFF_FFFF else { return }
                    guard field + 8 <= body + length, let wide = uint64(extra, field) else {
                        throw Failure(message: "zip 目录的 ZIP64 字段损坏")
                    }
                    value = wide
                    field += 8
                }
                try next(&uncompressed)
                try next(&compressed)
                try next(&offset)
            }
            at = body + length
        }
    }

    // MARK: Bytes

    private static func read(_ file: FileHandle, at offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0 else { throw Failure(message: "zip 结构超出了文件范围") }
        do {
            try file.seek(toOffset: UInt64(offset))
            let data = try file.read(upToCount: count) ?? Data()
            guard data.count == count else { throw Failure(message: "zip 结构超出了文件范围") }
            return [UInt8](data)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(message: "文件无法读取")
        }
    }

    /// Reads `count` bytes from `offset` in chunks.
    private static func stream(_ file: FileHandle, from offset: Int, count: Int,
                               _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var done = 0
        while done < count {
            let chunk = try read(file, at: offset + done, count: min(1 << 16, count - done))
            try chunk.withUnsafeBufferPointer { try body($0) }
            done += chunk.count
        }
    }

    private static func uint16<C: RandomAccessCollection>(_ bytes: C, _ at: C.Index) -> Int where C.Element == UInt8, C.Index == Int {
        Int(bytes[at]) | Int(bytes[at + 1]) << 8
    }

    private static func uint32<C: RandomAccessCollection>(_ bytes: C, _ at: C.Index) -> Int where C.Element == UInt8, C.Index == Int {
        uint16(bytes, at) | uint16(bytes, at + 2) << 16
    }

    /// A 64-bit field as an Int; nil beyond what any file this size could hold.
    private static func uint64<C: RandomAccessCollection>(_ bytes: C, _ at: C.Index) -> Int? where C.Element == UInt8, C.Index == Int {
        let high = uint32(bytes, at + 4)
        guard high < 1 << 20 else { return nil }
        return uint32(bytes, at) | high << 32
    }
}
