import Foundation
import Parallelism
import Synchronization

/// One bigram's postings as the shards store them (`BigramPostings.Lists`); read back from a
/// shard, the payloads are slices of its bytes.
struct PostingEntry: Equatable {
    var code: UInt64
    var documents: ArraySlice<UInt8>
    var positions: ArraySlice<UInt8>
}

extension BigramPostings {
    /// The postings of every bigram, in the shards' order.
    var entries: [PostingEntry] {
        lists.map { PostingEntry(code: $0.code, documents: $0.lists.documents[...], positions: $0.lists.positions[...]) }
    }
}

/// Files of the published index found damaged while it was read back (their bytes no longer
/// what their name or recorded key says): made again and written, never kept.
final class DamagedFiles: Sendable {
    private let paths = Mutex<Set<String>>([])

    func add(_ path: String) { paths.withLock { _ = $0.insert(path) } }

    var all: Set<String> { paths.withLock { $0 } }
}

extension SearchShards {
    /// The index the output holds, read back (nil when it cannot be used), and the files of it
    /// found damaged on the way.
    struct ReadBack: Sendable {
        var published: Published?
        let damaged = DamagedFiles()

        /// `expecting`: the size the index must have to be of use, when known; nil when it is
        /// read ahead of the render (`PreviousOutput.readingSearchIndexAhead`), and its size is
        /// checked then.
        init(_ previous: PreviousOutput, expecting: (documents: Int, perDirectory: Int)?) {
            published = Published.read(previous, expecting: expecting, damaged: damaged)
        }
    }

    /// The index as the last build published it, read back from the output: the fragment of
    /// each document and the postings of each bigram.
    struct Published {
        /// How many documents it indexes, and how many each directory names.
        var documents: Int
        var perDirectory: Int
        var fragmentNames: [String]
        var entries: [PostingEntry]

        /// Nil when the output holds no index (of `documents` documents cut `perDirectory` to a
        /// directory, when expected), or any of its files is not as the last build wrote it or
        /// cannot be read: the index is then made from every document. Each file must still hash
        /// to its name (the manifest to its recorded key): one damaged on disk is never carried forward.
        static func read(_ previous: PreviousOutput, expecting: (documents: Int, perDirectory: Int)?,
                         damaged: DamagedFiles) -> Published? {
            let decoder = JSONDecoder()
            guard expecting.map({ $0.documents > 0 }) ?? true, let data = previous.read(manifestPath) else { return nil }
            guard previous[manifestPath] == ContentName.of(data) else {
                damaged.add(manifestPath)
                return nil
            }
            guard let manifest = try? decoder.decode(Manifest.self, from: data), manifest.version == Manifest.currentVersion,
                  manifest.documents > 0,
                  expecting.map({ manifest.documents == $0.documents && manifest.documentsPerDirectory == $0.perDirectory }) ?? true,
                  let directories = ContentName.split(manifest.directories),
                  let tableNames = ContentName.split(manifest.tableFiles), tableNames.count == manifest.tables.count
            else { return nil }
            // Every file is read, even past one that fails, so that every damaged one is found.
            let lists = Parallel.map(directories) { name in
                named(previous, directoryPath, name, damaged).flatMap { try? decoder.decode(String.self, from: $0) }.flatMap(ContentName.split)
            }
            var usable = true
            var fragmentNames: [String] = []
            for list in lists {
                if let list { fragmentNames += list } else { usable = false }
            }
            var shards: [(postings: String, positions: String)] = []
            for name in tableNames {
                guard let data = named(previous, tablePath, name, damaged), let table = try? decoder.decode(Table.self, from: data),
                      let postings = ContentName.split(table.postings), let positions = ContentName.split(table.positions),
                      postings.count == table.shards.count, positions.count == table.shards.count else {
                    usable = false
                    continue
                }
                shards += zip(postings, positions).map { ($0, $1) }
            }
            let parsed = Parallel.map(shards) { shard -> [PostingEntry]? in
                guard let postings = named(previous, postingsPath, shard.postings, damaged),
                      let positions = named(previous, positionsPath, shard.positions, damaged) else { return nil }
                return shardEntries(postings: [UInt8](postings), positions: [UInt8](positions))
            }
            var entries: [PostingEntry] = []
            for part in parsed {
                // Every bigram once, in order across the shards.
                guard let part, entries.isEmpty || part.isEmpty || part[0].code > entries.last!.code else { return nil }
                entries += part
            }
            guard usable, fragmentNames.count == manifest.documents else { return nil }
            return Published(documents: manifest.documents, perDirectory: manifest.documentsPerDirectory,
                             fragmentNames: fragmentNames, entries: entries)
        }

        /// The bytes of a file named by its content (`ContentName`), when they still are what its
        /// name says; a file that is not is noted in `damaged`.
        static func named(_ previous: PreviousOutput, _ path: (String) -> String, _ name: String, _ damaged: DamagedFiles) -> Data? {
            guard let data = previous.read(path(name)) else { return nil }
            guard ContentName.of(data) == name else {
                damaged.add(path(name))
                return nil
            }
            return data
        }

        /// The entries of a postings shard and its positions shard, which hold the same bigrams
        /// (`ShardSet`); nil when they are not what a build writes.
        static func shardEntries(postings: [UInt8], positions: [UInt8]) -> [PostingEntry]? {
            var entries: [PostingEntry] = []
            var (p, q) = (0, 0)
            func field(_ bytes: [UInt8], at offset: inout Int) -> (code: UInt64, payload: ArraySlice<UInt8>)? {
                // Two scalars: below 0x110000 and not surrogates, as every bigram of text is.
                let scalar = { (value: Int) in value <= 0x10_ffff && !(0xd800...0xdfff).contains(value) }
                guard VarInt.read(bytes, at: &offset) == 2, let first = VarInt.read(bytes, at: &offset),
                      let second = VarInt.read(bytes, at: &offset), scalar(first), scalar(second),
                      let length = VarInt.read(bytes, at: &offset), length <= bytes.count - offset else { return nil }
                defer { offset += length }
                return (BigramCode.code(UInt32(first), UInt32(second)), bytes[offset..<offset + length])
            }
            while p < postings.count || q < positions.count {
                guard let documents = field(postings, at: &p), let located = field(positions, at: &q),
                      documents.code == located.code, entries.isEmpty || documents.code > entries.last!.code
                else { return nil }
                entries.append(PostingEntry(code: documents.code, documents: documents.payload, positions: located.payload))
            }
            return entries
        }
    }

    /// A document made again: its number, and its fragment.
    struct Change {
        var number: Int
        var json: Data
    }

    /// The postings of `sources` made from the last build's (`last`) by indexing again only the
    /// documents whose key changed, and those documents' fragments. Nil when the last build's
    /// fragment of a changed document cannot be read, or when so many changed that indexing
    /// every document is as quick.
    static func patch(_ last: Published, sources: [SearchSource], previous: PreviousOutput, damaged: DamagedFiles)
        -> (entries: [PostingEntry], changed: [Change])? {
        let changed = sources.indices.filter { previous[fragmentPath(last.fragmentNames[$0])] != sources[$0].key }
        guard changed.count * 4 <= sources.count else { return nil }
        let decoder = JSONDecoder()
        let documents = Parallel.map(changed) { number -> (old: SearchIndex.Document, new: SearchIndex.Document)? in
            guard let data = Published.named(previous, fragmentPath, last.fragmentNames[number], damaged),
                  let old = try? decoder.decode(SearchIndex.Document.self, from: data) else { return nil }
            return (old, sources[number].finished)
        }
        // By bigram, the changed documents' new occurrences (in document order), and every
        // bigram whose list held or will hold one of them.
        var added: [UInt64: [(number: Int, positions: [Int])]] = [:]
        var affected = Set<UInt64>()
        for (number, pair) in zip(changed, documents) {
            guard let pair else { return nil }
            for run in BigramPostings.runs(BigramPostings.occurrences(of: pair.old)) { affected.insert(run.code) }
            for run in BigramPostings.runs(BigramPostings.occurrences(of: pair.new)) {
                added[run.code, default: []].append((number, run.positions))
                affected.insert(run.code)
            }
        }
        // The lists the changed documents held or will hold, spliced on every core (each is
        // read up to the last changed document: most of a common bigram's list).
        let additions = added
        let touched = last.entries.indices.filter { affected.contains(last.entries[$0].code) }
        let splices = Parallel.map(touched) { index in
            let old = last.entries[index]
            return spliced(old, removing: changed, adding: additions[old.code] ?? [], documents: sources.count)
        }
        var entries: [PostingEntry] = []
        entries.reserveCapacity(last.entries.count + added.count)
        // Bigrams no document held before, put in order among the others.
        var fresh = added.keys.sorted()[...]
        func putFresh(before code: UInt64?) {
            while let next = fresh.first, code.map({ next < $0 }) ?? true {
                fresh.removeFirst()
                let empty = PostingEntry(code: next, documents: [], positions: [])
                if let entry = spliced(empty, removing: changed, adding: added[next]!, documents: sources.count) ?? nil {
                    entries.append(entry)
                }
            }
        }
        var k = 0  // the next of `touched`
        for (index, old) in last.entries.enumerated() {
            putFresh(before: old.code)
            if fresh.first == old.code { fresh.removeFirst() }
            guard k < touched.count && touched[k] == index else {
                entries.append(old)
                continue
            }
            k += 1
            guard let entry = splices[k - 1] else { return nil }
            if let entry { entries.append(entry) }
        }
        putFresh(before: nil)
        let fragments = zip(changed, documents).map { Change(number: $0, json: $1!.new.json) }
        return (entries, fragments)
    }

    /// A bigram's entry with the documents `removing` (ascending) taken out and `adding` put in
    /// (in document order). A record whose gap still counts from the document before it is
    /// copied with the run of such records it is in, as bytes; the others get their gap anew.
    /// Nil when the entry is not one a build writes; `.some(nil)` when no document is left.
    private static func spliced(_ entry: PostingEntry, removing: [Int], adding: [(number: Int, positions: [Int])],
                                documents: Int) -> PostingEntry?? {
        let (flags, positions) = (entry.documents, entry.positions)
        let last = max(removing.last ?? -1, adding.last?.number ?? -1)
        var lists = BigramPostings.Lists()
        // The document the output ends with, counting a run of records not yet copied.
        var through = -1
        var run: (d: Int, p: Int)?
        func flush(_ d: Int, _ p: Int) {
            if let start = run {
                lists.documents += flags[start.d..<d]
                lists.positions += positions[start.p..<p]
                run = nil
            }
            lists.last = through
        }
        var (d, p, previous, j, r) = (flags.startIndex, positions.startIndex, -1, 0, 0)
        while p < positions.endIndex {
            let record = (d: d, p: p)
            guard let gap = VarInt.read(positions, at: &p), let flag = VarInt.read(flags, at: &d), flag >> 1 == gap,
                  gap < documents - previous - 1 else { return nil }
            let number = previous + gap + 1
            let start = p
            guard var count = VarInt.read(positions, at: &p), count > 0 else { return nil }
            while count > 0 {  // the positions: count numbers, each ending at a byte below 0x80
                guard p < positions.endIndex else { return nil }
                if positions[p] < 0x80 { count -= 1 }
                p += 1
            }
            if j < adding.count && adding[j].number < number {
                flush(record.d, record.p)
                while j < adding.count && adding[j].number < number {
                    lists.append(document: adding[j].number, positions: adding[j].positions)
                    j += 1
                }
                through = lists.last
            }
            while r < removing.count && removing[r] < number { r += 1 }
            if r < removing.count && removing[r] == number {
                flush(record.d, record.p)
            } else if through == previous {
                if run == nil { run = record }
                through = number
            } else {
                flush(record.d, record.p)
                lists.append(document: number, inTitle: flag & 1 == 1, record: positions[start..<p])
                through = number
            }
            previous = number
            if number > last {
                // Nothing changes past here: the rest is copied as it is.
                if run == nil { run = (d, p) }
                (d, p) = (flags.endIndex, positions.endIndex)
                break
            }
        }
        guard d == flags.endIndex else { return nil }
        flush(d, p)
        for addition in adding[j...] { lists.append(document: addition.number, positions: addition.positions) }
        return .some(lists.documents.isEmpty ? nil : PostingEntry(code: entry.code, documents: lists.documents[...], positions: lists.positions[...]))
    }
}

extension BigramPostings {
    /// A document's occurrences (sorted, `occurrences(of:)`) as one run of positions per bigram.
    static func runs(_ occurrences: [Occurrence]) -> [(code: UInt64, positions: [Int])] {
        var runs: [(code: UInt64, positions: [Int])] = []
        for occurrence in occurrences {
            if runs.last?.code == occurrence.code {
                runs[runs.count - 1].positions.append(occurrence.position)
            } else {
                runs.append((occurrence.code, [occurrence.position]))
            }
        }
        return runs
    }
}
