import Foundation

/// Where a sorted run of index entries is cut into shard files: near a target size, and at
/// entries picked by their own key (content-defined, as backup tools cut files into chunks).
/// A change to one entry then moves no boundary beyond the next picked key, so the other
/// shards keep their bytes and, being named by their content, their addresses.
enum ShardBoundaries {
    /// The index of the first entry of each shard; the first shard starts at 0.
    static func starts(sizes: [Int], keys: [[UInt32]], target: Int) -> [Int] {
        guard !sizes.isEmpty else { return [0] }
        let average = max(1, sizes.reduce(0, +) / sizes.count)
        // A key is picked with chance 1/spacing: about half a target's worth of entries apart.
        // A power of two, so a slowly growing index keeps its spacing for a long time.
        var spacing: UInt32 = 1
        while Int(spacing) * 2 * average <= target / 2 { spacing *= 2 }
        var starts = [0], current = 0
        for i in sizes.indices {
            if i > 0, current >= target / 2,
               hash(keys[i]) % spacing == 0 || current + sizes[i] > 2 * target {
                starts.append(i)
                current = 0
            }
            current += sizes[i]
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
