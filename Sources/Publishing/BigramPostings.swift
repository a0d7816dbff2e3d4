import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
        let partitions = (0..<Self.partitions).map { _ in Table() }
        for start in stride(from: 0, to: documents.count, by: batch) {
            let numbers = Array(start..<min(start + batch, documents.count))
            let occurrences = try Parallel.map(numbers) { Self.occurrences(of: documents[$0]) }
            DispatchQueue.concurrentPerform(iterations: Self.partitions) { part in
                let table = partitions[part]
                for (number, found) in zip(numbers, occurrences) {
                    found.occurrences.withUnsafeBufferPointer { all in
                        table.add(number, UnsafeBufferPointer(rebasing: all[found.starts[part]..<found.starts[part + 1]]))
                    }
                }
            }
        }
        // No bigram is in two partitions.
        lists = partitions.flatMap { $0.finished() }.sorted { $0.code < $1.code }
    }

    /// Partitions of the bigrams, merged side by side (more than the cores, for an even share).
    static let partitions = 8

    /// The partition of a bigram: a multiplicative hash of its code, evenly spread.
    static func partition(_ code: UInt64) -> Int {
        Int(truncatingIfNeeded: (code &* 0x9E37_79B9_7F4A_7C15) >> 61) % partitions
    }

    /// A bigram at a position of a document.
    struct Occurrence {
        var code: UInt64
        var position: Int
    }

    /// The document's bigram occurrences, each bigram's together in one run, its positions
    /// ascending; the runs of each partition's bigrams (`partition(_:)`) together, partition after
    /// partition; and where each partition's runs begin (one more for the end): a partition's
    /// core then reads its own occurrences only.
    static func occurrences(of document: SearchIndex.Document) -> (occurrences: [Occurrence], starts: [Int]) {
        let fields = document.fields.map(SearchText.keyScalars)
        var made: [Occurrence] = []
        made.reserveCapacity(fields.reduce(0) { $0 + $1.count })
        var start = -(fields[0].count + 1)
        for field in fields {
            for i in field.indices.dropLast() {
                made.append(Occurrence(code: BigramCode.code(field[i], field[i + 1]), position: start + i))
            }
            start += field.count + 1
        }
        // Gathered by bigram in one pass and a count, not sorted: a write-up holds thousands of
        // bigrams, and every document of a cold build is gathered (sorting them was most of the
        // time). Each occurrence's run is numbered by its bigram, each run given its place (after
        // the partitions before its bigram's, and the runs of its partition met before it), then
        // the occurrences are placed in the order they were made: each run's positions ascend.
        var runs = CodeNumbers(expecting: made.count / 2)
        var runOf = [Int32](repeating: 0, count: made.count)
        var next: [Int] = []  // per run: its size, then where its next occurrence goes
        for (i, occurrence) in made.enumerated() {
            let run = runs.number(of: occurrence.code)
            if run == next.count { next.append(0) }
            next[run] += 1
            runOf[i] = Int32(run)
        }
        let partOf = runs.codes.map(partition)
        var starts = [Int](repeating: 0, count: partitions + 1)
        for run in next.indices { starts[partOf[run] + 1] += next[run] }
        for part in 0..<partitions { starts[part + 1] += starts[part] }
        var placed = starts
        for run in next.indices { (next[run], placed[partOf[run]]) = (placed[partOf[run]], placed[partOf[run]] + next[run]) }
        let found = [Occurrence](unsafeUninitializedCapacity: made.count) { found, initialized in
            for (i, occurrence) in made.enumerated() {
                let run = Int(runOf[i])
                (found.baseAddress! + next[run]).initialize(to: occurrence)
                next[run] += 1
            }
            initialized = made.count
        }
        return (found, starts)
    }

    /// One partition's lists by bigram code, as they grow, in memory the table keeps itself: a
    /// cold build appends millions of records, and the checks an array makes on each append (of
    /// its uniqueness, of its room) were much of their cost. Used by one thread at a time.
    final class Table: @unchecked Sendable {
        // (Unchecked: one thread at a time uses a table, and a check of exclusive access on each
        // of millions of appends cost more than the appends.)
        @exclusivity(unchecked) private var numbers = CodeNumbers(expecting: 512)
        @exclusivity(unchecked) private var growing = UnsafeMutablePointer<Growing>.allocate(capacity: 512)
        @exclusivity(unchecked) private var room = 512

        deinit {
            let count = numbers.codes.count
            for index in 0..<count { growing[index].release() }
            growing.deinitialize(count: count)
            growing.deallocate()
        }

        /// Appends the document's occurrences of this partition's bigrams (in runs) to their lists.
        func add(_ document: Int, _ occurrences: UnsafeBufferPointer<Occurrence>) {
            var i = 0
            while i < occurrences.count {
                let code = occurrences[i].code
                var end = i + 1
                while end < occurrences.count && occurrences[end].code == code { end += 1 }
                let known = numbers.codes.count
                let index = numbers.number(of: code)
                if index == known { start(index) }
                growing[index].append(document, UnsafeBufferPointer(rebasing: occurrences[i..<end]))
                i = end
            }
        }

        /// The lists, by code in the order the codes were met.
        func finished() -> [(code: UInt64, lists: Lists)] {
            numbers.codes.indices.map { (code: numbers.codes[$0], lists: growing[$0].lists) }
        }

        /// Room for the lists of a newly met code.
        private func start(_ index: Int) {
            if index == room {
                let more = UnsafeMutablePointer<Growing>.allocate(capacity: room * 2)
                more.moveInitialize(from: growing, count: room)
                growing.deallocate()
                (growing, room) = (more, room * 2)
            }
            (growing + index).initialize(to: Growing())
        }
    }

    /// One bigram's lists as a table grows them: each a run of bytes grown by `realloc`.
    struct Growing {
        var documents = Bytes()
        var positions = Bytes()
        var last = -1

        /// A document's occurrences of the bigram, its positions ascending; the document follows those listed.
        mutating func append(_ document: Int, _ run: UnsafeBufferPointer<Occurrence>) {
            let first = run[0].position
            let gap = document - last - 1
            last = document
            documents.reserve(VarInt.maxBytes)
            documents.count = VarInt.write(Lists.entry(gap: gap, inTitle: first < 0), to: documents.buffer, at: documents.count)
            positions.reserve(VarInt.maxBytes * (run.count + 2))
            positions.count = Lists.record(gap: gap, positions: run.lazy.map(\.position), to: positions.buffer, at: positions.count)
        }

        var lists: Lists {
            var lists = Lists()
            lists.documents = documents.array
            lists.positions = positions.array
            lists.last = last
            return lists
        }

        /// Frees the bytes (the lists are not used again).
        func release() {
            free(documents.base)
            free(positions.base)
        }

        struct Bytes {
            var base: UnsafeMutablePointer<UInt8>?
            var count = 0
            var capacity = 0

            var buffer: UnsafeMutableBufferPointer<UInt8> { UnsafeMutableBufferPointer(start: base, count: capacity) }
            var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

            /// Room for `more` bytes after those written.
            mutating func reserve(_ more: Int) {
                guard count + more > capacity else { return }
                capacity = max(16, capacity * 2, count + more)
                guard let grown = realloc(base, capacity) else { fatalError("out of memory for the search index") }
                base = grown.assumingMemoryBound(to: UInt8.self)
            }
        }
    }

    /// Bigram codes numbered from 0 in the order they are first met, found in a table of open
    /// addressing: a national index looks a bigram up millions of times, and a code (a pair of
    /// scalars, chosen by no one who could aim at collisions) needs no seeded hash, only its bits
    /// mixed.
    struct CodeNumbers {
        /// The codes by number.
        private(set) var codes: [UInt64] = []
        /// Per slot, a code and its number plus one (0 for an empty slot): a probe reads one
        /// place of memory. A power of two long, at most half full.
        private var slots: [Slot]

        private struct Slot {
            var code: UInt64
            var number: Int32
        }

        /// A table sized for `count` codes (it grows past them).
        init(expecting count: Int) {
            var size = 16
            while size < 2 * count { size <<= 1 }
            slots = [Slot](repeating: Slot(code: 0, number: 0), count: size)
            codes.reserveCapacity(count)
        }

        /// The code's number; a new code is given the next.
        mutating func number(of code: UInt64) -> Int {
            let found = slots.withUnsafeMutableBufferPointer { slots -> Int in
                let mask = slots.count - 1
                var slot = Self.mixed(code) & mask
                while slots[slot].number != 0 {
                    if slots[slot].code == code { return Int(slots[slot].number) - 1 }
                    slot = (slot + 1) & mask
                }
                slots[slot] = Slot(code: code, number: Int32(codes.count + 1))
                return -1
            }
            if found >= 0 { return found }
            codes.append(code)
            if codes.count * 2 > slots.count { grow() }
            return codes.count - 1
        }

        private mutating func grow() {
            slots = [Slot](repeating: Slot(code: 0, number: 0), count: slots.count * 2)
            let mask = slots.count - 1
            for (number, code) in codes.enumerated() {
                var slot = Self.mixed(code) & mask
                while slots[slot].number != 0 { slot = (slot + 1) & mask }
                slots[slot] = Slot(code: code, number: Int32(number + 1))
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
        let gap = start(document, inTitle: positions.first! < 0)
        let room = VarInt.maxBytes * (positions.count + 2)
        let start = self.positions.count
        // Written straight into the array's new room (its bytes set, then cut to those written).
        self.positions.append(contentsOf: repeatElement(0, count: room))
        let end = self.positions.withUnsafeMutableBufferPointer { Self.record(gap: gap, positions: positions, to: $0, at: start) }
        self.positions.removeLast(start + room - end)
    }

    /// Writes a document's record of positions into `buffer` at `offset` (room for `VarInt.maxBytes`
    /// for each position and two more there): the gap, the number of positions, the first
    /// position zigzag-coded, then each further position less the one before, minus one. Returns
    /// the offset after it.
    static func record<Positions: Collection<Int>>(gap: Int, positions: Positions, to buffer: UnsafeMutableBufferPointer<UInt8>,
                                                   at offset: Int) -> Int {
        var previous = positions.first!
        var used = VarInt.write(gap, to: buffer, at: offset)
        used = VarInt.write(positions.count, to: buffer, at: used)
        used = VarInt.write(VarInt.zigzag(previous), to: buffer, at: used)
        for position in positions.dropFirst() {
            used = VarInt.write(position - previous - 1, to: buffer, at: used)
            previous = position
        }
        return used
    }

    /// A document's record as another list holds it: the count and positions after its gap.
    mutating func append(document: Int, inTitle: Bool, record: ArraySlice<UInt8>) {
        VarInt.append(start(document, inTitle: inTitle), to: &positions)
        positions += record
    }

    /// A document's entry in the list of documents; returns the gap, which begins its record of
    /// positions.
    private mutating func start(_ document: Int, inTitle: Bool) -> Int {
        let gap = document - last - 1
        last = document
        VarInt.append(Self.entry(gap: gap, inTitle: inTitle), to: &documents)
        return gap
    }

    /// A document's entry in the list of documents: `(gap << 1) | inTitle`.
    static func entry(gap: Int, inTitle: Bool) -> Int { gap * 2 + (inTitle ? 1 : 0) }
}
