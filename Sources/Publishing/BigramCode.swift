import Foundation

/// A bigram of two Unicode scalars as one number that sorts the way JavaScript compares the
/// two-scalar strings (by UTF-16 code units), so Swift and `search.js` agree on shard order.
enum BigramCode {
    static func code(_ first: UInt32, _ second: UInt32) -> UInt64 {
        UInt64(utf16Rank(first)) << 21 | UInt64(utf16Rank(second))
    }

    static func scalars(_ code: UInt64) -> [UInt32] {
        [scalar(rank: UInt32(code >> 21)), scalar(rank: UInt32(code & 0x1f_ffff))]
    }

    /// Scalars ordered as their UTF-16 encodings: supplementary scalars (surrogate pairs, from
    /// 0xD800) come before U+E000…U+FFFF.
    static func utf16Rank(_ scalar: UInt32) -> UInt32 {
        switch scalar {
        case ..<0xd800: scalar
        case 0x10000...: 0xd800 + (scalar - 0x10000)
        default: scalar + 0x10_0000
        }
    }

    static func scalar(rank: UInt32) -> UInt32 {
        switch rank {
        case ..<0xd800: rank
        case 0x10_e000...: rank - 0x10_0000
        default: rank - 0xd800 + 0x10000
        }
    }

    /// Keys of scalars in the order of `search.js`'s string comparison.
    static func precedes(_ a: [UInt32], _ b: [UInt32]) -> Bool {
        a.lazy.map(utf16Rank).lexicographicallyPrecedes(b.lazy.map(utf16Rank))
    }
}
