import Foundation

/// Where a sorted run of index entries is cut into shard files: near a target size, and at
/// entries picked by their own key (content-defined, as backup tools cut files into chunks).
/// A change to one entry then moves no boundary beyond the next picked key, so the other
/// shards keep their bytes and, being named by their content, their addresses.
///
/// The entries are taken one after another; whether a shard begins at an entry depends on the
/// entry and on the bytes taken since the last shard began, nothing else. A patch of the index
/// (`SearchShards`) starts taking entries at a shard the last build began, and stops where a
/// shard begins at the same entry as then: what lies between is cut as taking every entry would.
struct ShardBoundaries {
    let target: Int
    /// A key is picked with chance 1/spacing.
    let spacing: UInt32
    /// Bytes taken since the last shard began.
    private(set) var current = 0

    /// `spacing` for entries of `bytes` bytes in all, `count` of them: a key is picked about half
    /// a target's worth of entries apart. A power of two, so a slowly growing index keeps its
    /// spacing for a long time.
    init(target: Int, bytes: Int, count: Int) {
        self.target = target
        let average = max(1, bytes / max(1, count))
        var spacing: UInt32 = 1
        while Int(spacing) * 2 * average <= target / 2 { spacing *= 2 }
        self.spacing = spacing
    }

    /// Takes an entry of `size` bytes and `key`; true when a shard begins at it. The first entry
    /// of all (`first`) begins the first shard without being asked.
    mutating func take(size: Int, key: [UInt32], first: Bool = false) -> Bool {
        let begins = !first && current >= target / 2 && (Self.hash(key) % spacing == 0 || current + size > 2 * target)
        if begins || first { current = 0 }
        current += size
        return begins
    }

    /// The index of the first entry of each shard; the first shard starts at 0.
    static func starts(sizes: [Int], keys: [[UInt32]], target: Int) -> [Int] {
        guard !sizes.isEmpty else { return [0] }
        var cutter = ShardBoundaries(target: target, bytes: sizes.reduce(0, +), count: sizes.count)
        var starts = [0]
        for i in sizes.indices where cutter.take(size: sizes[i], key: keys[i], first: i == 0) {
            starts.append(i)
        }
        return starts
    }

    /// FNV-1a of the key's scalars: the same key is picked in every build.
    static func hash(_ key: [UInt32]) -> UInt32 {
        var hash: UInt32 = 0x811c_9dc5
        for scalar in key {
            for shift in stride(from: 0, to: 32, by: 8) {
                hash = (hash ^ UInt32((scalar >> UInt32(shift)) & 0xff)) &* 0x0100_0193
            }
        }
        return hash
    }
}
