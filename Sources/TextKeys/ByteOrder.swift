#if canImport(Glibc)
import Glibc
#endif

/// Text in the order of its UTF-8 bytes: SQLite's BINARY collation, the keys of JSON written
/// with sorted keys, the paths of the build record. Compared with `memcmp` where the text is
/// contiguous (every native string), a shorter text first when it begins the other.
package enum ByteOrder {
    /// Negative, zero or positive as `a`'s bytes come before, equal or after `b`'s.
    package static func compare(_ a: String, _ b: String) -> Int {
        let compared = a.utf8.withContiguousStorageIfAvailable { a in
            b.utf8.withContiguousStorageIfAvailable { b in
                let common = min(a.count, b.count)
                let order = common == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, common))
                return order != 0 ? order : a.count - b.count
            }
        }
        if let compared = compared ?? nil { return compared }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : a.utf8.elementsEqual(b.utf8) ? 0 : 1
    }

    package static func precedes(_ a: String, _ b: String) -> Bool {
        compare(a, b) < 0
    }
}
