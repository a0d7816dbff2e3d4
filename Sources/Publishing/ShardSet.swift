import Foundation
import Parallelism

/// Index entries, sorted by key, cut into shard files (`ShardBoundaries`). An entry is its key
/// (a count of scalars, then the scalars), then for each kind of file its payload's length and
/// bytes; every shard has one file of each kind, holding the same keys.
struct ShardSet {
    struct Entry {
        let key: [UInt32]
        /// One payload per kind of file.
        let payloads: [ArraySlice<UInt8>]
        /// The key as every file of its shard holds it, encoded once.
        let keyBytes: [UInt8]
        /// What the entry counts for in the size of its shard.
        let size: Int

        init(key: [UInt32], payloads: [ArraySlice<UInt8>]) {
            self.key = key
            self.payloads = payloads
            keyBytes = ShardSet.encodedKey(key)
            size = keyBytes.count + payloads.reduce(0) { $0 + $1.count + 5 }
        }
    }

    /// The first key of each shard as a string; the first shard's is empty, so every key has a shard.
    var firstKeys: [String] = []
    /// The bytes of each shard's files: `files[shard][kind]`.
    var files: [[Data]] = []
    /// The entries' sizes summed, and their number: what the boundaries' spacing is taken from.
    var bytes = 0
    var count = 0

    init(entries: [Entry], kinds: Int, target: Int) {
        let sizes = entries.map(\.size)
        (bytes, count) = (sizes.reduce(0, +), sizes.count)
        let starts = ShardBoundaries.starts(sizes: sizes, keys: entries.map(\.key), target: target)
        let runs = zip(starts, starts.dropFirst() + [entries.count]).map { $0..<$1 }
        firstKeys = runs.enumerated().map { n, run in n == 0 ? "" : Self.string(entries[run.lowerBound].key) }
        // (Each shard's files made on a core: a national index has thousands of shards.)
        files = Parallel.map(runs) { Self.files(entries[$0], kinds: kinds) }
    }

    /// The files of one shard holding `entries`, one per kind.
    static func files(_ entries: ArraySlice<Entry>, kinds: Int) -> [Data] {
        (0..<kinds).map { kind in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(entries.reduce(0) { $0 + $1.keyBytes.count + $1.payloads[kind].count + VarInt.maxBytes })
            for entry in entries {
                bytes += entry.keyBytes
                VarInt.append(entry.payloads[kind].count, to: &bytes)
                bytes += entry.payloads[kind]
            }
            return Data(bytes)
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
