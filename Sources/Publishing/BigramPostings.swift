import Foundation
import Parallelism

/// Where every scalar bigram of the search documents occurs, encoded as the shards store it.
///
/// A document's fields are laid out on one line of positions, one position per scalar of the
/// normalised field: the title ends at -2, the other fields follow from 0, and one empty
/// position separates two fields, so no run of bigrams spans two fields. A key of n scalars
/// occurs at position p exactly when its bigram i occurs at p + i for every i, and it occurs
/// in the title exactly when p is negative.
struct BigramPostings {
    /// One bigram's postings, in ascending document order.
    struct Lists {
        /// Per document: `(gap << 1) | inTitle`, the gap being the number of documents skipped.
        var documents: [UInt8] = []
        /// Per document: the gap, the number of positions, the first position zigzag-coded,
        /// then each further position less the one before, minus one.
        var positions: [UInt8] = []
        var last = -1
    }

    /// Each bigram's lists, in ascending order of its code (`BigramCode`), which sorts as
    /// JavaScript sorts the bigram strings.
    private(set) var lists: [(code: UInt64, lists: Lists)] = []

    init(documents: [SearchIndex.Document]) throws {
        // Normalising and collecting a document's bigrams is independent work, and so is merging
        // them into the lists of different bigrams: the bigrams are dealt into partitions, each
        // merged on its own core, every document in order. Batches keep the collected
        // occurrences of a large archive small.
        let batch = 1024
        let partitions = UnsafeMutableBufferPointer<Table>.allocate(capacity: Self.partitions)
        partitions.initialize(repeating: Table())
        defer {
            partitions.deinitialize()
            partitions.deallocate()
        }
        nonisolated(unsafe) let parts = partitions
        for start in stride(from: 0, to: documents.count, by: batch) {
            let numbers = Array(start..<min(start + batch, documents.count))
            let occurrences = try Parallel.map(numbers) { Self.dealt(Self.occurrences(of: documents[$0])) }
            DispatchQueue.concurrentPerform(iterations: Self.partitions) { part in
                for (number, found) in zip(numbers, occurrences) {
                    Self.add(number, found.occurrences[found.starts[part]..<found.starts[part + 1]], to: &parts[part])
                }
            }
        }
        // No bigram is in two partitions.
        lists = partitions.flatMap { zip($0.codes, $0.lists).map { (code: $0, lists: $1) } }.sorted { $0.code < $1.code }
    }

    /// Partitions of the bigrams, merged side by side (more than the cores, for an even share).
    static let partitions = 8

    /// The partition of a bigram: a multiplicative hash of its code, evenly spread.
    static func partition(_ code: UInt64) -> Int {
        Int(truncatingIfNeeded: (code &* 0x9E37_79B9_7F4A_7C15) >> 61) % partitions
    }

    /// A bigram at a position of a document.
    struct Occurrence: Comparable {
        var code: UInt64
        var position: Int

        static func < (a: Self, b: Self) -> Bool {
            a.code != b.code ? a.code < b.code : a.position < b.position
        }
    }

    /// The document's bigram occurrences, sorted by bigram and position.
    static func occurrences(of document: SearchIndex.Document) -> [Occurrence] {
        let fields = document.fields.map(SearchText.keyScalars)
        var found: [Occurrence] = []
        var start = -(fields[0].count + 1)
        for field in fields {
            for i in field.indices.dropLast() {
                found.append(Occurrence(code: BigramCode.code(field[i], field[i + 1]), position: start + i))
            }
            start += field.count + 1
        }
        // Positions ascend as the occurrences were made: ordered by bigram, then by their index
        // here, they are in order. Bigram (42 bits) and index packed into one number sort as
        // numbers, far quicker than a comparison of two fields (a write-up's thousands of
        // bigrams, for every document of a cold build).
        let indexBits: UInt64 = 22
        guard found.count < 1 << indexBits else {
            found.sort()
            return found
        }
        var keys = found.indices.map { found[$0].code << indexBits | UInt64($0) }
        keys.sort()
        return keys.map { found[Int($0 & (1 << indexBits - 1))] }
    }

    /// A document's occurrences (sorted) dealt into the partitions of their bigrams, each
    /// partition's still sorted, and where each partition's begin (one more for the end): a
    /// partition's core then reads its own occurrences only.
    private static func dealt(_ occurrences: [Occurrence]) -> (occurrences: [Occurrence], starts: [Int]) {
        var starts = [Int](repeating: 0, count: partitions + 1)
        for occurrence in occurrences { starts[partition(occurrence.code) + 1] += 1 }
        for part in 0..<partitions { starts[part + 1] += starts[part] }
        var next = starts
        var dealt = occurrences
        for occurrence in occurrences {
            let part = partition(occurrence.code)
            dealt[next[part]] = occurrence
            next[part] += 1
        }
        return (dealt, starts)
    }

    /// Appends the document's occurrences of one partition's bigrams (sorted) to their lists.
    private static func add(_ number: Int, _ occurrences: ArraySlice<Occurrence>, to table: inout Table) {
        var i = occurrences.startIndex
        while i < occurrences.endIndex {
            let code = occurrences[i].code
            var end = i
            while end < occurrences.endIndex && occurrences[end].code == code { end += 1 }
            table.lists[table.index(of: code)].append(document: number, positions: occurrences[i..<end].lazy.map(\.position))
            i = end
        }
    }

    /// One partition's lists by bigram code, in a table of open addressing: a national index
    /// looks a bigram up millions of times, and a code (a pair of scalars, chosen by no one who
    /// could aim at collisions) needs no seeded hash, only its bits mixed.
    struct Table {
        private(set) var codes: [UInt64] = []
        var lists: [Lists] = []
        /// An index into `codes` and `lists` plus one; 0 for an empty slot. A power of two long,
        /// at most half full.
        private var slots = [Int32](repeating: 0, count: 1 << 10)

        /// The index of the code's lists, new and empty when the code is new.
        mutating func index(of code: UInt64) -> Int {
            let mask = slots.count - 1
            var slot = Self.mixed(code) & mask
            while slots[slot] != 0 {
                let index = Int(slots[slot]) - 1
                if codes[index] == code { return index }
                slot = (slot + 1) & mask
            }
            codes.append(code)
            lists.append(Lists())
            slots[slot] = Int32(codes.count)
            if codes.count * 2 > slots.count { grow() }
            return codes.count - 1
        }

        private mutating func grow() {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            let mask = slots.count - 1
            for (index, code) in codes.enumerated() {
                var slot = Self.mixed(code) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(index + 1)
            }
        }

        /// The code's bits mixed (SplitMix64's finaliser): the low bits of the result depend on
        /// all of the code's, whatever partition (`partition(_:)`, the high bits of another
        /// product) the code is in.
        private static func mixed(_ code: UInt64) -> Int {
            var x = code
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: x ^ (x >> 31))
        }
    }
}

extension BigramPostings.Lists {
    /// A document's positions of the bigram, ascending; the document follows those listed.
    mutating func append<Positions: Collection<Int>>(document: Int, positions: Positions) {
        var previous = positions.first!
        start(document, inTitle: previous < 0)
        VarInt.append(positions.count, to: &self.positions)
        VarInt.append(VarInt.zigzag(previous), to: &self.positions)
        for position in positions.dropFirst() {
            VarInt.append(position - previous - 1, to: &self.positions)
            previous = position
        }
    }

    /// A document's record as another list holds it: the count and positions after its gap.
    mutating func append(document: Int, inTitle: Bool, record: ArraySlice<UInt8>) {
        start(document, inTitle: inTitle)
        positions += record
    }

    /// A document's entry in both lists, and the gap that begins its record of positions.
    private mutating func start(_ document: Int, inTitle: Bool) {
        let gap = document - last - 1
        last = document
        VarInt.append(gap * 2 + (inTitle ? 1 : 0), to: &documents)
        VarInt.append(gap, to: &positions)
    }
}
