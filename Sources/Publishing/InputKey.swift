import Foundation
import TextKeys

/// A stable key for a list of inputs (strings and bytes, each counted with its length so no two
/// lists run together): 128 bits of `StreamHash`, so that two different inputs of the tens of
/// thousands of pages of a site do not share a key. Not a security measure.
public struct InputKey: Sendable {
    private var hash = StreamHash()

    public init() {}

    public mutating func add(_ data: Data) {
        data.withUnsafeBytes { add(raw: $0) }
    }

    public mutating func add(_ text: String) {
        hash.add(counted: text)
    }

    public mutating func add(_ value: Int64) {
        hash.add(word: UInt64(bitPattern: value))
    }

    /// The key's two halves, for a caller that combines keys itself (`StampDigest`).
    var words: (UInt64, UInt64) { hash.words }

    /// Another key's value, as two numbers.
    public mutating func add(_ other: InputKey) {
        let (low, high) = other.words
        add(Int64(bitPattern: low))
        add(Int64(bitPattern: high))
    }

    private mutating func add(raw bytes: UnsafeRawBufferPointer) {
        hash.add(word: UInt64(bytes.count))
        hash.add(bytes)
    }

    public var value: String { hash.hex }
}
