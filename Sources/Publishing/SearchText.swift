import Foundation
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
            let mapped = value < 0x10000 ? plane[Int(value)] : unmapped
            switch mapped {
            case dropped: continue
            case unmapped: key += TextNormalization.titleKey(String(scalar)).unicodeScalars.map(\.value)
            default: key.append(mapped)
            }
        }
        return key
    }

    private static let dropped: UInt32 = 0, unmapped: UInt32 = .max

    /// What `TextNormalization.titleKey` makes of each scalar of the Basic Multilingual Plane,
    /// worked out once: `dropped`, the one scalar it becomes, or `unmapped` when it becomes
    /// several. The title key maps scalar by scalar (width, then case, then the filter), so
    /// the key of a text is the keys of its scalars one after another; the search index
    /// normalises every write-up, and this is that much faster than asking each scalar's
    /// Unicode properties again.
    private static let plane: [UInt32] = (0..<0x10000).map { value in
        guard let scalar = Unicode.Scalar(value) else { return unmapped }
        let key = Array(TextNormalization.titleKey(String(scalar)).unicodeScalars)
        return key.isEmpty ? dropped : key.count == 1 ? key[0].value : unmapped
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
