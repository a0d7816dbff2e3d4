import Foundation

/// Unsigned LEB128 integers (seven bits a byte, low bits first): the number format of the
/// search shards, which `search.js` reads. Small numbers, the common case of gaps between
/// document numbers and positions, take one byte.
enum VarInt {
    static func append(_ value: Int, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxBytes) { buffer in
            bytes.append(contentsOf: buffer[..<write(value, to: buffer, at: 0)])
        }
    }

    /// The most bytes a number takes.
    static let maxBytes = 10

    /// Writes the number into `buffer` at `offset` (room for `maxBytes` there); returns the
    /// offset after it.
    static func write(_ value: Int, to buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        precondition(value >= 0, "VarInt stores non-negative numbers")
        var (rest, offset) = (UInt64(value), offset)
        while rest >= 0x80 {
            buffer[offset] = UInt8(truncatingIfNeeded: rest) | 0x80
            rest >>= 7
            offset += 1
        }
        buffer[offset] = UInt8(rest)
        return offset + 1
    }

    /// The number at `offset`, moving `offset` past it; nil at the end or on a truncated number.
    static func read<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at offset: inout Int) -> Int? where Bytes.Index == Int {
        var value: UInt64 = 0, shift: UInt64 = 0
        while offset < bytes.endIndex, shift < 63 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return Int(value) }
            shift += 7
        }
        return nil
    }

    /// A signed number as an unsigned one (0, -1, 1, -2 … → 0, 1, 2, 3 …).
    static func zigzag(_ value: Int) -> Int { value >= 0 ? value * 2 : -value * 2 - 1 }

    static func unzigzag(_ value: Int) -> Int { value % 2 == 0 ? value / 2 : -(value + 1) / 2 }
}
