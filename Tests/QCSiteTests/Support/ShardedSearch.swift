import Foundation
@testable import Archive
@testable import Content
@testable import Diagnostics
@testable import Disclosure
@testable import Forms
@testable import Preview
@testable import Publishing
@testable import Rules
@testable import SafePaths
@testable import SiteBuild
@testable import SiteSettings
@testable import TextKeys

/// The browser's search (`search.js`) done in Swift over the published files: what a query
/// finds reading only the files the script would fetch, so tests can hold it against
/// `SearchIndex.search` and count the bytes it reads.
final class ShardedSearch {
    /// Output files by path (`search/index.json`, `search/d/….bin`, …).
    let files: [String: Data]
    /// The paths read so far, in order, each once.
    private(set) var read: [String] = []
    private var cache: [String: [UInt8]] = [:]
    private var cachedManifest: SearchShards.Manifest?

    init(files: [String: Data]) {
        self.files = files
    }

    /// The `search/` files of a built site.
    convenience init(folder: URL) throws {
        var files: [String: Data] = [:]
        for path in Self.files(under: folder.appendingPathComponent("search")) {
            files["search/" + path] = try Data(contentsOf: folder.appendingPathComponent("search").appendingPathComponent(path))
        }
        self.init(files: files)
    }

    /// The files under a folder, by relative path, sorted.
    static func files(under folder: URL) -> [String] {
        let paths = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return paths.filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder) && !isFolder.boolValue
        }.sorted()
    }

    struct Found: Equatable {
        var numbers: [Int]
        /// Those holding the query in their title, listed first by the page.
        var titled: Set<Int>
    }

    func bytes(_ path: String) -> [UInt8] {
        if let bytes = cache[path] { return bytes }
        read.append(path)
        cache[path] = Array(files[path] ?? Data())
        return cache[path]!
    }

    func json<T: Decodable>(_ path: String, as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(bytes(path)))
    }

    var manifest: SearchShards.Manifest {
        get throws {
            if cachedManifest == nil { cachedManifest = try json(SearchShards.manifestPath, as: SearchShards.Manifest.self) }
            return cachedManifest!
        }
    }

    /// Nil for a query of fewer than two characters, as `SearchIndex.search`.
    func find(_ query: String) throws -> Found? {
        let key = Array(SearchText.key(query).unicodeScalars).map(\.value)
        guard key.count >= 2 else { return nil }
        let manifest = try manifest
        if key.count == 2 {
            var found = Found(numbers: [], titled: [])
            guard var entry = try entry(key, postings: true) else { return found }
            var document = -1
            while entry.offset < entry.end, let value = VarInt.read(entry.bytes, at: &entry.offset) {
                document += value / 2 + 1
                found.numbers.append(document)
                if value % 2 == 1 { found.titled.insert(document) }
            }
            return found
        }
        let offsets = SearchText.coveringOffsets(length: key.count)
        let lists = try offsets.map { offset -> [Int: [Int]] in
            guard let entry = try entry([key[offset], key[offset + 1]], postings: false) else { return [:] }
            return Self.positions(entry)
        }
        var found = Found(numbers: [], titled: [])
        for document in lists[0].keys.sorted() where lists.allSatisfy({ $0[document] != nil }) {
            let others = lists.map { Set($0[document]!) }
            guard let first = lists[0][document]!.first(where: { start in
                offsets.indices.allSatisfy { others[$0].contains(start + offsets[$0]) }
            }) else { continue }
            found.numbers.append(document)
            if first < 0 { found.titled.insert(document) }
        }
        return found
    }

    /// A bigram's entry in its postings or positions shard, through the manifest and its shard table.
    func entry(_ gram: [UInt32], postings: Bool) throws -> Entry? {
        let manifest = try manifest
        let table = try json(SearchShards.tablePath(Self.name(manifest.tableFiles, Self.shard(manifest.tables, gram))),
                             as: SearchShards.Table.self)
        let shard = Self.shard(table.shards, gram)
        let path = postings ? SearchShards.postingsPath(Self.name(table.postings, shard))
            : SearchShards.positionsPath(Self.name(table.positions, shard))
        return Self.lookup(bytes(path), gram)
    }

    /// Name `k` of names written one after another.
    static func name(_ names: String, _ k: Int) -> String {
        String(Array(names)[(k * ContentName.length)..<((k + 1) * ContentName.length)])
    }

    /// The fragment of a document, through its directory.
    func document(_ number: Int) throws -> SearchIndex.Document {
        let manifest = try manifest
        let directory = number / manifest.documentsPerDirectory
        let names = try json(SearchShards.directoryPath(Self.name(manifest.directories, directory)), as: String.self)
        return try json(SearchShards.fragmentPath(Self.name(names, number - directory * manifest.documentsPerDirectory)),
                        as: SearchIndex.Document.self)
    }

    /// The compared titles sharing a bigram with `proposed`, with their Dice similarity, from the title shards.
    func titleScores(_ proposed: String) throws -> [Int: Double] {
        let manifest = try json(TitleCheck.manifestPath, as: TitleCheck.Manifest.self)
        let grams = Similarity.bigrams(TextNormalization.titleKey(proposed).precomposedStringWithCanonicalMapping)
        var wanted: [[UInt32]: Int] = [:]
        for gram in grams { wanted[gram.unicodeScalars.map(\.value), default: 0] += 1 }
        var shared: [Int: Int] = [:], totals: [Int: Int] = [:]
        for (gram, count) in wanted {
            let shard = Self.shard(manifest.shards, gram)
            guard var entry = Self.lookup(bytes(TitleCheck.shardPath(Self.name(manifest.files, shard))), gram) else { continue }
            var document = -1
            while entry.offset < entry.end, let gap = VarInt.read(entry.bytes, at: &entry.offset),
                  let times = VarInt.read(entry.bytes, at: &entry.offset), let total = VarInt.read(entry.bytes, at: &entry.offset) {
                document += gap + 1
                totals[document] = total
                shared[document, default: 0] += min(count, times)
            }
        }
        var scores: [Int: Double] = [:]
        for (document, count) in shared {
            scores[document] = 2 * Double(count) / Double(grams.count + totals[document]!)
        }
        return scores
    }

    struct Entry {
        var bytes: [UInt8]
        var offset: Int
        var end: Int
    }

    static func lookup(_ bytes: [UInt8], _ key: [UInt32]) -> Entry? {
        var offset = 0
        while offset < bytes.count {
            guard let count = VarInt.read(bytes, at: &offset) else { return nil }
            var scalars: [UInt32] = []
            for _ in 0..<count {
                guard let scalar = VarInt.read(bytes, at: &offset) else { return nil }
                scalars.append(UInt32(scalar))
            }
            guard let length = VarInt.read(bytes, at: &offset) else { return nil }
            if scalars == key { return Entry(bytes: bytes, offset: offset, end: offset + length) }
            offset += length
        }
        return nil
    }

    /// The shard whose first key is the last not after `key`, compared as JavaScript compares strings.
    static func shard(_ firstKeys: [String], _ key: [UInt32]) -> Int {
        firstKeys.lastIndex { !BigramCode.precedes(key, $0.unicodeScalars.map(\.value)) } ?? 0
    }

    static func positions(_ entry: Entry) -> [Int: [Int]] {
        var entry = entry, result: [Int: [Int]] = [:], document = -1
        while entry.offset < entry.end {
            document += VarInt.read(entry.bytes, at: &entry.offset)! + 1
            let count = VarInt.read(entry.bytes, at: &entry.offset)!
            var position = VarInt.unzigzag(VarInt.read(entry.bytes, at: &entry.offset)!)
            var list = [position]
            for _ in 1..<max(count, 1) {
                position += VarInt.read(entry.bytes, at: &entry.offset)! + 1
                list.append(position)
            }
            result[document] = list
        }
        return result
    }
}
