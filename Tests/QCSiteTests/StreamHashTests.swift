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
