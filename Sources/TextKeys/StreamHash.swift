/// A 128-bit key of a stream of bytes, taken eight bytes to a step: two 64-bit lanes of
/// different seeds, each folding in a word by the round of xxHash64 (multiply, rotate,
/// multiply) and mixed once more when read. A national site keys and names tens of megabytes
/// per build (page inputs, search files, a year's tables); a byte at a time, as FNV-1a goes,
/// this took a twentieth of a rebuild. The key depends on the bytes only, not on how they are
/// split among calls. Not a security measure.
package struct StreamHash: Sendable {
    private var low: UInt64
    private var high: UInt64
    /// Bytes not yet a whole word, the first in the lowest byte, and how many.
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var length: UInt64 = 0

    private static let prime1: UInt64 = 0x9e37_79b1_85eb_ca87
    private static let prime2: UInt64 = 0xc2b2_ae3d_27d4_eb4f
    private static let prime3: UInt64 = 0x1656_67b1_9e37_79f9

    package init(seeds: (UInt64, UInt64) = (0xcbf2_9ce4_8422_2325, 0x6c62_272e_07bb_0142)) {
        (low, high) = seeds
    }

    package mutating func add(_ buffer: UnsafeRawBufferPointer) {
        let count = buffer.count
        length &+= UInt64(count)
        var index = 0
        // A word at a time, never a byte: with bytes left pending by the call before, each word
        // completes the one they begin and its last bytes are pending in turn (their count stays
        // the same; with none pending, the shift is 0 and nothing is left over).
        var (low, high, pending) = (self.low, self.high, self.pending)
        let shift = UInt64(8 * pendingCount)
        while index + 8 <= count {
            let word = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let whole = pending | word << shift
            (low, high) = (Self.round(low, whole), Self.round(high, whole))
            pending = word >> (64 - shift)  // (a shift by 64 gives 0)
            index += 8
        }
        (self.low, self.high, self.pending) = (low, high, pending)
        while index < count {
            take(buffer[index])
            index += 1
        }
    }

    /// Eight bytes, the lowest first: the same as adding them as bytes.
    package mutating func add(word: UInt64) {
        withUnsafeBytes(of: word.littleEndian) { add($0) }
    }

    package mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { add($0) }
    }

    /// A text's UTF-8 after its length, so that no two lists of texts run together.
    package mutating func add(counted text: String) {
        var text = text
        text.withUTF8 { bytes in
            add(word: UInt64(bytes.count))
            add(UnsafeRawBufferPointer(bytes))
        }
    }

    /// The two halves in hex, sixteen digits each.
    package var hex: String {
        let hex = { (v: UInt64) in String(repeating: "0", count: 16 - String(v, radix: 16).count) + String(v, radix: 16) }
        let (low, high) = words
        return hex(low) + hex(high)
    }

    /// The key's two halves.
    package var words: (UInt64, UInt64) {
        var (low, high) = (self.low, self.high)
        if pendingCount > 0 {
            // The count of the bytes left is in the stream's length, mixed in below.
            low = Self.round(low, pending)
            high = Self.round(high, pending)
        }
        return (Self.avalanche(low ^ length), Self.avalanche(high ^ (length &* Self.prime3)))
    }

    private mutating func take(_ byte: UInt8) {
        pending |= UInt64(byte) << (8 * UInt64(pendingCount))
        pendingCount += 1
        if pendingCount == 8 {
            fold(pending)
            (pending, pendingCount) = (0, 0)
        }
    }

    private mutating func fold(_ word: UInt64) {
        low = Self.round(low, word)
        high = Self.round(high, word)
    }

    private static func round(_ lane: UInt64, _ word: UInt64) -> UInt64 {
        let sum = lane &+ word &* prime2
        return ((sum << 31) | (sum >> 33)) &* prime1
    }

    /// xxHash64's last mixing: every bit of the lane reaches every bit of the result.
    private static func avalanche(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h &*= prime2
        h ^= h >> 29
        h &*= prime3
        h ^= h >> 32
        return h
    }
}
