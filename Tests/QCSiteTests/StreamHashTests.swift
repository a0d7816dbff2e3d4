import Testing
@testable import TextKeys

/// `StreamHash` keys pages, names search files and fingerprints a year's files: a key must
/// depend on the bytes alone (however a file's reads split them), and different bytes must get
/// different keys, down to a trailing zero byte or one bit.
@Suite("Stream hash")
struct StreamHashTests {
    static func words(_ pieces: [[UInt8]]) -> (UInt64, UInt64) {
        var hash = StreamHash()
        for piece in pieces { hash.add(piece) }
        return hash.words
    }

    @Test("The same bytes split any way among calls give the same key")
    func splitDoesNotMatter() {
        var random = SeededRandom(seed: 7)
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 31, 64, 100, 1000] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let whole = Self.words([bytes])
            for _ in 0..<20 {
                var pieces: [[UInt8]] = [], rest = bytes[...]
                while !rest.isEmpty {
                    let size = Int.random(in: 0...min(rest.count, 11), using: &random)
                    pieces.append(Array(rest.prefix(size)))
                    rest = rest.dropFirst(size)
                }
                #expect(Self.words(pieces) == whole, "length \(length) split \(pieces.map(\.count))")
            }
        }
    }

    /// The hash as its comment defines it, a byte at a time: the keys a build records, the
    /// fingerprints an archive holds and the search files' names stay what they were however
    /// the adding is made faster.
    static func reference(_ bytes: [UInt8]) -> (UInt64, UInt64) {
        let (p1, p2, p3): (UInt64, UInt64, UInt64) = (0x9e37_79b1_85eb_ca87, 0xc2b2_ae3d_27d4_eb4f, 0x1656_67b1_9e37_79f9)
        func round(_ lane: UInt64, _ word: UInt64) -> UInt64 {
            let sum = lane &+ word &* p2
            return ((sum << 31) | (sum >> 33)) &* p1
        }
        func avalanche(_ value: UInt64) -> UInt64 {
            var h = value
            h ^= h >> 33; h &*= p2; h ^= h >> 29; h &*= p3; h ^= h >> 32
            return h
        }
        var (low, high): (UInt64, UInt64) = (0xcbf2_9ce4_8422_2325, 0x6c62_272e_07bb_0142)
        var (word, count): (UInt64, Int) = (0, 0)
        for byte in bytes {
            word |= UInt64(byte) << (8 * UInt64(count))
            count += 1
            if count == 8 { (low, high, word, count) = (round(low, word), round(high, word), 0, 0) }
        }
        if count > 0 { (low, high) = (round(low, word), round(high, word)) }
        let length = UInt64(bytes.count)
        return (avalanche(low ^ length), avalanche(high ^ (length &* p3)))
    }

    @Test("Bytes and words added in any mix give the key the bytes give a byte at a time")
    func matchesReference() {
        var random = SeededRandom(seed: 29)
        for _ in 0..<300 {
            var hash = StreamHash()
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                if Bool.random(using: &random) {
                    let word = UInt64.random(in: 0...UInt64.max, using: &random)
                    hash.add(word: word)
                    bytes += (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) }
                } else {
                    let piece = (0..<Int.random(in: 0...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                    hash.add(piece)
                    bytes += piece
                }
            }
            #expect(hash.words == Self.reference(bytes), "\(bytes.count) bytes")
        }
    }

    @Test("Different bytes get different keys: every short string, trailing zeros, each bit of a word flipped")
    func differentBytesDiffer() {
        var inputs: [[UInt8]] = []
        for first in UInt8.min...UInt8.max {
            inputs.append([first])
            for second in stride(from: UInt8(0), through: 255, by: 3) { inputs.append([first, second]) }
        }
        for zeros in 0...24 { inputs.append([UInt8](repeating: 0, count: zeros)) }
        let base: [UInt8] = Array("降低光缆熔接损耗的QC小组".utf8)
        inputs.append(base)
        for bit in 0..<(base.count * 8) {
            var flipped = base
            flipped[bit / 8] ^= 1 << UInt8(bit % 8)
            inputs.append(flipped)
        }
        var seen: [String: [UInt8]] = [:]
        for bytes in inputs {
            let (low, high) = Self.words([bytes])
            // Each half alone must tell them apart too: a search file's name is the low half.
            for key in ["low \(low)", "high \(high)"] {
                #expect(seen[key] == nil || seen[key] == bytes, "\(bytes) and \(seen[key] ?? []) share \(key)")
                seen[key] = bytes
            }
        }
        #expect(seen.count == 2 * Set(inputs).count)
    }
}
