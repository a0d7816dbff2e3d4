import Foundation
import Parallelism
import Synchronization

/// One bigram's postings as the shards store them (`BigramPostings.Lists`); read back from a
/// shard, the payloads are slices of its bytes.
struct PostingEntry: Equatable {
    var code: UInt64
    var documents: ArraySlice<UInt8>
    var positions: ArraySlice<UInt8>

    /// The entry as the shards hold it: its bigram's scalars, its postings, then its positions.
    var shardEntry: ShardSet.Entry { ShardSet.Entry(key: BigramCode.scalars(code), payloads: [documents, positions]) }

    /// What it counts for in its shard's size (`ShardBoundaries`).
    var size: Int { shardEntry.size }
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
    /// each document and the names of each shard's files. A shard's entries are read only when a
    /// patch needs them (`entries(ofShard:)`).
    struct Published: Sendable {
        /// How many documents it indexes, and how many each directory names.
        var documents: Int
        var perDirectory: Int
        var fragmentNames: [String]
        var shards: [Shard]
        /// The entries' sizes summed and their number, as the manifest gives them.
        var bytes: Int
        var count: Int

        /// A shard: the first bigram's code (0 for the first shard) and its two files' names.
        struct Shard: Sendable {
            var firstKey: String
            var first: UInt64
            var postings: String
            var positions: String
        }

        /// Nil when the output holds no index (of `documents` documents cut `perDirectory` to a
        /// directory, when expected), or any of its manifest, directories and tables is not as
        /// the last build wrote it or cannot be read: the index is then made from every document.
        /// Each file read must still hash to its name (the manifest to its recorded key): one
        /// damaged on disk is never carried forward.
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
            var shards: [Shard] = []
            for name in tableNames {
                guard let data = named(previous, tablePath, name, damaged), let table = try? decoder.decode(Table.self, from: data),
                      let postings = ContentName.split(table.postings), let positions = ContentName.split(table.positions),
                      postings.count == table.shards.count, positions.count == table.shards.count else {
                    usable = false
                    continue
                }
                for (key, (postings, positions)) in zip(table.shards, zip(postings, positions)) {
                    let scalars = key.unicodeScalars.map(\.value)
                    // The first shard's key is empty; every other is a bigram, after the one before.
                    guard scalars.count == (shards.isEmpty ? 0 : 2) else { return nil }
                    let first = shards.isEmpty ? 0 : BigramCode.code(scalars[0], scalars[1])
                    guard shards.isEmpty || first > shards.last!.first else { return nil }
                    shards.append(Shard(firstKey: key, first: first, postings: postings, positions: positions))
                }
            }
            guard usable, fragmentNames.count == manifest.documents, !shards.isEmpty else { return nil }
            return Published(documents: manifest.documents, perDirectory: manifest.documentsPerDirectory,
                             fragmentNames: fragmentNames, shards: shards, bytes: manifest.entryBytes, count: manifest.entries)
        }

        /// The entries of shard `index`, read from the output; nil when a file cannot be read,
        /// is not what its name says (noted in `damaged`) or holds no entries a build writes,
        /// or when an entry is not of the shard's range of bigrams.
        func entries(ofShard index: Int, _ previous: PreviousOutput, _ damaged: DamagedFiles) -> [PostingEntry]? {
            let shard = shards[index]
            guard let postings = Published.named(previous, postingsPath, shard.postings, damaged),
                  let positions = Published.named(previous, positionsPath, shard.positions, damaged),
                  let entries = Published.shardEntries(postings: [UInt8](postings), positions: [UInt8](positions)) else { return nil }
            let end = index + 1 < shards.count ? shards[index + 1].first : nil
            guard entries.allSatisfy({ $0.code >= shard.first && (end == nil || $0.code < end!) }),
                  index == 0 || entries.first?.code == shard.first else { return nil }
            return entries
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

    /// A shard of the index being made: its first bigram (empty for the first shard) and its two
    /// files, each kept as the output holds it (by name) or made now.
    struct ShardFiles {
        var firstKey: String
        var postings: File
        var positions: File

        enum File {
            case kept(String)
            case made(Data)
        }
    }

    /// The index of `sources` patched from the last build's (`last`): the documents whose key
    /// changed are indexed again, and only the shards of the bigrams whose postings they change
    /// are read, spliced and cut again, from the shard before the first of a run of them up to where a
    /// shard begins at the entry it began at before (`ShardBoundaries`); every other shard keeps
    /// its files. Nil when a file it needs is not as the last build wrote it, when so many
    /// documents changed that indexing every one is as quick, or when the boundaries' spacing
    /// changes (the average entry crossed a power of two): the index is then made from every
    /// document. The files are the same as those made from every document.
    static func patch(_ last: Published, sources: [SearchSource], previous: PreviousOutput, damaged: DamagedFiles,
                      target: Int) throws -> (shards: [ShardFiles], bytes: Int, count: Int, changed: [Change], read: Int)? {
        let changed = sources.indices.filter { previous[fragmentPath(last.fragmentNames[$0])] != sources[$0].key }
        // (A file of the index found damaged while it was read: nothing is patched from it.)
        guard changed.count * 4 <= sources.count, damaged.all.isEmpty else { return nil }
        // Shards not read are kept as they are: each must be as the last build wrote it.
        guard last.shards.allSatisfy({ previous[postingsPath($0.postings)] == $0.postings
                                       && previous[positionsPath($0.positions)] == $0.positions }) else { return nil }
        let decoder = JSONDecoder()
        let documents = try Parallel.map(changed) { number throws -> (old: SearchIndex.Document, new: SearchIndex.Document)? in
            guard let data = Published.named(previous, fragmentPath, last.fragmentNames[number], damaged),
                  let old = try? decoder.decode(SearchIndex.Document.self, from: data) else { return nil }
            return (old, try sources[number].finished())
        }
        // By bigram, the changed documents' new occurrences (in document order), and every
        // bigram whose list changes: one a changed document holds at other positions than
        // before, or holds now and did not, or the other way round. A document's record in a
        // list is made from its number and its positions alone, so the lists of the other
        // bigrams it holds are left as they are, their shards unread (a corrected sentence
        // touches a few dozen bigrams of the thousands a write-up holds).
        var added: [UInt64: [(number: Int, positions: [Int])]] = [:]
        var affected = Set<UInt64>()
        for (number, pair) in zip(changed, documents) {
            guard let pair else { return nil }
            var before: [UInt64: [Int]] = [:]
            for run in BigramPostings.runs(BigramPostings.occurrences(of: pair.old).occurrences) { before[run.code] = run.positions }
            for run in BigramPostings.runs(BigramPostings.occurrences(of: pair.new).occurrences) {
                added[run.code, default: []].append((number, run.positions))
                if before.removeValue(forKey: run.code) != run.positions { affected.insert(run.code) }
            }
            affected.formUnion(before.keys)
        }
        // The shard each such bigram falls in (the last whose first bigram is not after it).
        let firsts = last.shards.map(\.first)
        func shard(of code: UInt64) -> Int {
            var (low, high) = (0, firsts.count)
            while high - low > 1 {
                let middle = (low + high) / 2
                if firsts[middle] <= code { low = middle } else { high = middle }
            }
            return low
        }
        var codes: [Int: [UInt64]] = [:]
        for code in affected.sorted() { codes[shard(of: code), default: []].append(code) }
        let dirty = codes.keys.sorted()
        // Those shards read and spliced on every core.
        let additions = added
        // What the entries' sizes and number change by, counted on the spliced entries alone.
        let splices = Parallel.map(dirty) { index -> (entries: [PostingEntry], bytes: Int, count: Int)? in
            guard let old = last.entries(ofShard: index, previous, damaged) else { return nil }
            var new: [PostingEntry] = []
            new.reserveCapacity(old.count + 8)
            var (bytes, count) = (0, 0)
            // An entry with the changed documents taken out and put in again (`fresh`: one no
            // document held before); false when it is not one a build writes.
            func splice(_ entry: PostingEntry, fresh: Bool = false) -> Bool {
                guard let result = spliced(entry, removing: changed, adding: additions[entry.code] ?? [], documents: sources.count)
                else { return false }
                if !fresh { (bytes, count) = (bytes - entry.size, count - 1) }
                if let result {
                    new.append(result)
                    (bytes, count) = (bytes + result.size, count + 1)
                }
                return true
            }
            var touched = codes[index]![...]
            for entry in old {
                // Bigrams no document held before, put in order among the others.
                while let code = touched.first, code < entry.code {
                    touched.removeFirst()
                    guard splice(PostingEntry(code: code, documents: [], positions: []), fresh: true) else { return nil }
                }
                if touched.first == entry.code {
                    touched.removeFirst()
                    guard splice(entry) else { return nil }
                } else {
                    new.append(entry)
                }
            }
            for code in touched {
                guard splice(PostingEntry(code: code, documents: [], positions: []), fresh: true) else { return nil }
            }
            return (new, bytes, count)
        }
        var remade: [Int: [PostingEntry]] = [:]
        var (bytes, count) = (last.bytes, last.count)
        for (index, splice) in zip(dirty, splices) {
            guard let splice else { return nil }
            remade[index] = splice.entries
            (bytes, count) = (bytes + splice.bytes, count + splice.count)
        }
        let spacing = ShardBoundaries(target: target, bytes: last.bytes, count: last.count).spacing
        guard count > 0, ShardBoundaries(target: target, bytes: bytes, count: count).spacing == spacing else { return nil }

        // The shards in order: kept ones as they are, runs around the spliced ones cut again.
        var shards: [ShardFiles] = []
        var pending: [ShardSet.Entry] = []
        func flush() {
            guard !pending.isEmpty else { return }
            let files = ShardSet.files(pending[...], kinds: 2)
            shards.append(ShardFiles(firstKey: shards.isEmpty ? "" : ShardSet.string(pending[0].key),
                                     postings: .made(files[0]), positions: .made(files[1])))
            pending = []
        }
        func keep(_ range: Range<Int>) {
            for shard in last.shards[range] {
                shards.append(ShardFiles(firstKey: shard.firstKey, postings: .kept(shard.postings), positions: .kept(shard.positions)))
            }
        }
        var k = 0  // the first shard not yet kept or cut again
        var next = dirty[...]
        var read = dirty.count
        while let d = next.first {
            // The run begins at the shard before the spliced one: the entries before are as they
            // were, so a shard still begins at its first entry (unchanged).
            let start = d == 0 ? 0 : d - 1
            guard start >= k else { return nil }  // a run ends only where an unspliced shard begins
            keep(k..<start)
            var cutter = ShardBoundaries(target: target, bytes: bytes, count: count)
            k = last.shards.count
            run: for m in start..<last.shards.count {
                let isDirty = next.first == m
                if isDirty { next.removeFirst() } else { read += 1 }
                guard let entries = isDirty ? remade[m] : last.entries(ofShard: m, previous, damaged) else { return nil }
                for (i, entry) in entries.enumerated() {
                    let item = entry.shardEntry
                    if cutter.take(size: item.size, key: item.key, first: pending.isEmpty) {
                        flush()
                        // A shard begins where it began before, at an unspliced shard: from here on
                        // the shards are as they were, up to the next run.
                        if i == 0 && !isDirty {
                            k = m
                            break run
                        }
                    }
                    pending.append(item)
                }
            }
            flush()
        }
        keep(k..<last.shards.count)
        let fragments = zip(changed, documents).map { Change(number: $0, json: $1!.new.json) }
        return (shards, bytes, count, fragments, read)
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
    /// A document's occurrences (`occurrences(of:)`) as one run of positions per bigram.
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
