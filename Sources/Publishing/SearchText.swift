import Foundation
import Synchronization
import TextKeys

/// The text normalisation of search, shared with `search.js`: canonical composition (NFC),
/// then the title normalisation of the resubmission rule (half-width, lower case, no spaces,
/// punctuation or symbols). Bigrams are of Unicode scalars, as JavaScript iterates a string.
public enum SearchText {
    public static func key(_ text: String) -> String {
        String(String.UnicodeScalarView(keyScalars(text).map { Unicode.Scalar($0)! }))
    }

    /// The key as scalar values, which the index works with, without making a string of it.
    public static func keyScalars(_ text: String) -> [UInt32] {
        var key: [UInt32] = []
        key.reserveCapacity(text.utf8.count / 2)
        for scalar in TextNormalization.nfc(text).unicodeScalars {
            let value = scalar.value
            let mapped = value < 0x10000 ? plane.key(value) : PlaneKeys.unmapped
            switch mapped {
            case PlaneKeys.dropped: continue
            case PlaneKeys.unmapped: key += TextNormalization.titleKey(String(scalar)).unicodeScalars.map(\.value)
            default: key.append(mapped)
            }
        }
        return key
    }

    private static let plane = PlaneKeys()

    /// What `TextNormalization.titleKey` makes of each scalar of the Basic Multilingual Plane:
    /// `dropped`, the one scalar it becomes, or `unmapped` when it becomes several. The title key
    /// maps scalar by scalar (width, then case, then the filter), so the key of a text is the
    /// keys of its scalars one after another; the search index normalises every write-up, and
    /// this is that much faster than asking each scalar's Unicode properties again.
    ///
    /// Worked out in blocks of 256 scalars, each the first time a text holds one of them: the
    /// whole plane takes tens of milliseconds, which a rebuild that indexes one changed
    /// write-up would spend on scalars it never meets. A block, once made, is never freed or
    /// changed; its address is published atomically (two threads may both make one: the
    /// first kept, the other freed).
    final class PlaneKeys: @unchecked Sendable {
        static let dropped: UInt32 = 0, unmapped: UInt32 = .max
        /// The address of each block's 256 keys; 0 until it is made.
        private let blocks: UnsafeMutablePointer<Atomic<Int>>

        init() {
            blocks = .allocate(capacity: 256)
            for index in 0..<256 { (blocks + index).initialize(to: Atomic(0)) }
        }

        /// The key of a scalar value below 0x10000.
        func key(_ value: UInt32) -> UInt32 {
            let block = Int(value >> 8)
            var address = blocks[block].load(ordering: .acquiring)
            if address == 0 { address = make(block) }
            return UnsafePointer<UInt32>(bitPattern: address)![Int(value & 0xff)]
        }

        private func make(_ block: Int) -> Int {
            let keys = UnsafeMutablePointer<UInt32>.allocate(capacity: 256)
            for offset in 0..<256 {
                (keys + offset).initialize(to: Self.exactKey(UInt32(block << 8 | offset)))
            }
            let made = Int(bitPattern: keys)
            let (stored, found) = blocks[block].compareExchange(expected: 0, desired: made, ordering: .acquiringAndReleasing)
            guard stored else {
                keys.deallocate()
                return found
            }
            return made
        }

        static func exactKey(_ value: UInt32) -> UInt32 {
            guard let scalar = Unicode.Scalar(value) else { return unmapped }
            let key = Array(TextNormalization.titleKey(String(scalar)).unicodeScalars)
            return key.isEmpty ? dropped : key.count == 1 ? key[0].value : unmapped
        }
    }

    /// Whether `text` holds `part` as a run of scalars (as `indexOf` in JavaScript, not by grapheme).
    public static func contains(_ text: String, _ part: String) -> Bool {
        contains(Array(text.unicodeScalars), Array(part.unicodeScalars))
    }

    static func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    public static func bigrams(_ key: String) -> [String] {
        let scalars = Array(key.unicodeScalars)
        guard scalars.count > 1 else { return [] }
        return (0..<(scalars.count - 1)).map { i in
            var pair = String.UnicodeScalarView()
            pair.append(scalars[i])
            pair.append(scalars[i + 1])
            return String(pair)
        }
    }

    /// The bigrams' offsets in a key of `length` scalars that the browser looks up to verify a
    /// match: every second one, and the last. Together they cover every character of the key,
    /// so a document holds the key at `p` exactly when each of them occurs at `p + offset`.
    public static func coveringOffsets(length: Int) -> [Int] {
        guard length >= 2 else { return [] }
        var offsets = Array(stride(from: 0, through: length - 2, by: 2))
        if offsets.last != length - 2 { offsets.append(length - 2) }
        return offsets
    }
}
