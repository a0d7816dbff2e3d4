import Foundation

/// A stable key for a list of inputs (strings and bytes, each counted with its length so no two
/// lists run together): two 64-bit FNV-1a-style hashes of different seeds and multipliers, 128 bits, so that two
/// different inputs of the tens of thousands of pages of a site do not share a key. Not a
/// security measure.
public struct InputKey: Sendable {
    private var low: UInt64 = 0xcbf2_9ce4_8422_2325
    private var high: UInt64 = 0x6c62_272e_07bb_0142

    public init() {}

    public mutating func add(_ data: Data) {
        data.withUnsafeBytes { add(raw: $0) }
    }

    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(raw: UnsafeRawBufferPointer($0)) }
    }

    public mutating func add(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { mix($0) }
    }

    /// The key's two halves, for a caller that combines keys itself (`StampDigest`).
    var words: (UInt64, UInt64) { (low, high) }

    /// Another key's value, as two numbers.
    mutating func add(_ other: InputKey) {
        let (low, high) = other.words
        add(Int64(bitPattern: low))
        add(Int64(bitPattern: high))
    }

    private mutating func add(raw bytes: UnsafeRawBufferPointer) {
        withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { mix($0) }
        mix(bytes)
    }

    private mutating func mix(_ bytes: UnsafeRawBufferPointer) {
        var (low, high) = (self.low, self.high)
        for byte in bytes {
            low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            high = (high ^ UInt64(byte)) &* 0x9e37_79b9_7f4a_7c15
        }
        (self.low, self.high) = (low, high)
    }

    public var value: String {
        let hex = { (v: UInt64) in String(repeating: "0", count: 16 - String(v, radix: 16).count) + String(v, radix: 16) }
        return hex(low) + hex(high)
    }
}
