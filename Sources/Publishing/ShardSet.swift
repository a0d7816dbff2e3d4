import Foundation

/// Index entries, sorted by key, cut into shard files (`ShardBoundaries`). An entry is its key
/// (a count of scalars, then the scalars), then for each kind of file its payload's length and
/// bytes; every shard has one file of each kind, holding the same keys.
struct ShardSet {
    struct Entry {
        var key: [UInt32]
        /// One payload per kind of file.
        var payloads: [ArraySlice<UInt8>]
    }

    /// The first key of each shard as a string; the first shard's is empty, so every key has a shard.
    var firstKeys: [String] = []
    /// The bytes of each shard's files: `files[shard][kind]`.
    var files: [[Data]] = []

    init(entries: [Entry], kinds: Int, target: Int) {
        let keys = entries.map { Self.encodedKey($0.key) }
        let sizes = entries.indices.map { i in
            keys[i].count + entries[i].payloads.reduce(0) { $0 + $1.count + 5 }
        }
        let starts = ShardBoundaries.starts(sizes: sizes, keys: entries.map(\.key), target: target)
        for (n, start) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1] : entries.count
            firstKeys.append(n == 0 ? "" : Self.string(entries[start].key))
            files.append((0..<kinds).map { kind in
                var bytes: [UInt8] = []
                for i in start..<end {
                    bytes += keys[i]
                    VarInt.append(entries[i].payloads[kind].count, to: &bytes)
                    bytes += entries[i].payloads[kind]
                }
                return Data(bytes)
            })
        }
    }

    static func encodedKey(_ key: [UInt32]) -> [UInt8] {
        var bytes: [UInt8] = []
        VarInt.append(key.count, to: &bytes)
        for scalar in key { VarInt.append(Int(scalar), to: &bytes) }
        return bytes
    }

    static func string(_ key: [UInt32]) -> String {
        var text = String.UnicodeScalarView()
        for value in key { text.append(Unicode.Scalar(value)!) }
        return String(text)
    }
}
