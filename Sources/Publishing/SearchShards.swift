import Foundation
import Parallelism

/// The search index as the site publishes it: a small manifest, `search/index.json`, and
/// files the browser fetches only when a query needs them.
///
/// - `d/<name>.bin`, postings: for each bigram, the documents holding it, each flagged when
///   the bigram is in its title. A two-character query reads one of these alone.
/// - `p/<name>.bin`, the positions of the same bigrams: a longer query reads those of every
///   second bigram and the last (`SearchText.coveringOffsets`) and keeps the documents where
///   they line up, which is exactly where the whole query occurs.
/// - `g/<name>.json`, shard tables: the first bigram and the two files of each of a run of
///   shards. The manifest lists the tables by their first bigram, so it stays a few kilobytes
///   however large the archive; a query reads the table of each bigram it looks up.
/// - `f/<name>.json`, one fragment per document (the `SearchIndex.Document` JSON), read for the
///   results shown; `m/<name>.json`, directories naming the fragments of a run of documents.
///
/// Every file is named after its bytes (`ContentName`), and the same index gives the same files.
struct SearchShards {
    struct Options {
        /// About how many bytes of postings and positions a shard holds.
        var shardBytes = 16_384
        /// Shards listed by one table.
        var shardsPerTable = 64
        /// Documents per directory file; nil: chosen from the number of documents.
        var documentsPerDirectory: Int? = nil
    }

    struct Manifest: Codable, Equatable {
        static let currentVersion = 3
        var version = currentVersion
        var documents: Int
        var documentsPerDirectory: Int
        /// The directories' names, one after another (`ContentName.names`).
        var directories: String
        /// The first bigram of each shard table, and the tables' names.
        var tables: [String]
        var tableFiles: String
        /// How many bigrams the shards hold, and their sizes summed (`ShardSet`): what a rebuild
        /// that patches a few shards takes the boundaries' spacing from.
        var entries: Int
        var entryBytes: Int

        enum CodingKeys: String, CodingKey {
            case version, documents, documentsPerDirectory = "per_directory", directories, tables, tableFiles = "table_files",
                 entries, entryBytes = "entry_bytes"
        }
    }

    /// A run of shards: their first bigrams and their two files' names.
    struct Table: Codable, Equatable {
        var shards: [String]
        var postings: String
        var positions: String
    }

    static let manifestPath = SitePath.searchIndex
    static func postingsPath(_ name: String) -> String { "search/d/\(name).bin" }
    static func positionsPath(_ name: String) -> String { "search/p/\(name).bin" }
    static func tablePath(_ name: String) -> String { "search/g/\(name).json" }
    static func fragmentPath(_ name: String) -> String { "search/f/\(name).json" }
    static func directoryPath(_ name: String) -> String { "search/m/\(name).json" }

    /// A file of the index: its bytes, nil when the output already holds it (`previous`), and
    /// its key: a fragment's is its document's (`SearchSource.key`), any other file's its name.
    struct File: Equatable {
        var key: String
        var data: Data?
    }

    /// Every file, by output path.
    let published: [String: File]
    let manifest: Manifest
    /// Whether the postings were patched from the output's (false: made from every document).
    var patched: Bool { shardsRead != nil }
    /// How many of the output's shards a patch read (nil: made from every document).
    let shardsRead: Int?

    /// The bytes of every file made (all of them without a previous output).
    var files: [String: Data] { published.compactMapValues(\.data) }

    init(_ index: SearchIndex, options: Options = Options()) throws {
        try self.init(sources: index.documents.map { SearchSource($0) }, options: options)
    }

    /// The index of `sources`. When `previous` holds the index of the last build with as many
    /// documents and most of them unchanged (by key), only the changed documents are made and
    /// indexed again, and only the shards their bigrams fall in are read and made again
    /// (`patch`). The files are the same as those made from every document.
    init(sources: [SearchSource], previous: PreviousOutput = PreviousOutput(), options: Options = Options()) throws {
        var published: [String: File] = [:]
        let perDirectory = options.documentsPerDirectory ?? Self.documentsPerDirectory(sources.count)
        let readBack = previous.searchIndex?.value
            ?? ReadBack(previous, expecting: (documents: sources.count, perDirectory: perDirectory))
        let damaged = readBack.damaged
        let last = readBack.published.flatMap { $0.documents == sources.count && $0.perDirectory == perDirectory ? $0 : nil }
        let patch = try last.flatMap { try Self.patch($0, sources: sources, previous: previous, damaged: damaged, target: options.shardBytes) }
        // A file the output holds as this build would make it is kept; one found damaged is made
        // again. A patch reads only some shards: when one it read was damaged, every other is read
        // and checked too, so that none damaged the same way is kept.
        if let last, patch == nil, !damaged.all.isEmpty {
            _ = Parallel.map(last.shards) { shard in
                (Published.named(previous, Self.postingsPath, shard.postings, damaged),
                 Published.named(previous, Self.positionsPath, shard.positions, damaged))
            }
        }
        let broken = damaged.all
        func add(_ path: String, key: String, _ data: Data?) {
            guard published[path] == nil else { return }
            published[path] = File(key: key, data: previous[path] == key && !broken.contains(path) ? nil : data)
        }
        /// Files named by their content, keyed by their name unless `keys` says otherwise.
        func add(_ contents: [Data], at path: (String) -> String, keys: [String]? = nil) throws -> [String] {
            var names: [String: Data] = [:]
            return try Self.add(contents, to: &names, at: path).enumerated().map { index, name in
                add(path(name), key: keys?[index] ?? name, names[path(name)])
                return name
            }
        }
        /// A shard's file: kept under its name (the patch saw the output hold it as written), or made.
        func add(_ file: ShardFiles.File, at path: (String) -> String) throws -> String {
            switch file {
            case .kept(let name):
                add(path(name), key: name, nil)
                return name
            case .made(let data):
                return try add([data], at: path)[0]
            }
        }

        var fragmentNames: [String], made: [Change], shards: [ShardFiles], entryCount: Int, entryBytes: Int
        if let last, let patch {
            (fragmentNames, made, shards, entryCount, entryBytes) = (last.fragmentNames, patch.changed, patch.shards, patch.count, patch.bytes)
            shardsRead = patch.read
        } else {
            let documents = try Parallel.map(sources) { try $0.finished() }
            made = Parallel.map(Array(documents.indices)) { Change(number: $0, json: documents[$0].json) }
            fragmentNames = Array(repeating: "", count: documents.count)
            let set = ShardSet(entries: try BigramPostings(documents: documents).entries.map(\.shardEntry), kinds: 2,
                               target: options.shardBytes)
            shards = zip(set.firstKeys, set.files).map { ShardFiles(firstKey: $0, postings: .made($1[0]), positions: .made($1[1])) }
            (entryCount, entryBytes) = (set.count, set.bytes)
            shardsRead = nil
        }
        let madeNames = try add(made.map(\.json), at: Self.fragmentPath, keys: made.map { sources[$0.number].key })
        for (change, name) in zip(made, madeNames) { fragmentNames[change.number] = name }
        // The documents not made again are as the output holds them: their fragments have their keys.
        for number in sources.indices {
            add(Self.fragmentPath(fragmentNames[number]), key: sources[number].key, nil)
        }

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let directories = try stride(from: 0, to: fragmentNames.count, by: perDirectory).map { start in
            try encoder.encode(ContentName.names(Array(fragmentNames[start..<min(start + perDirectory, fragmentNames.count)])))
        }
        let directoryNames = try add(directories, at: Self.directoryPath)

        let postingNames = try shards.map { try add($0.postings, at: Self.postingsPath) }
        let positionNames = try shards.map { try add($0.positions, at: Self.positionsPath) }
        var tables: [String] = [], tableFiles: [Data] = []
        for start in stride(from: 0, to: shards.count, by: options.shardsPerTable) {
            let run = start..<min(start + options.shardsPerTable, shards.count)
            tables.append(shards[start].firstKey)
            tableFiles.append(try encoder.encode(Table(shards: shards[run].map(\.firstKey),
                                                       postings: ContentName.names(Array(postingNames[run])),
                                                       positions: ContentName.names(Array(positionNames[run])))))
        }
        let tableNames = try add(tableFiles, at: Self.tablePath)

        manifest = Manifest(documents: sources.count, documentsPerDirectory: perDirectory,
                            directories: ContentName.names(directoryNames), tables: tables,
                            tableFiles: ContentName.names(tableNames), entries: entryCount, entryBytes: entryBytes)
        let data = try encoder.encode(manifest)
        add(Self.manifestPath, key: ContentName.of(data), data)
        self.published = published
    }

    /// A result shown reads its directory and its fragment: small directories keep the first
    /// small, few directories keep the manifest small. About √(n/10), a power of two from 16 to 1024.
    static func documentsPerDirectory(_ count: Int) -> Int {
        let size = 1 << Int(log2(max(1, Double(count) / 10).squareRoot()).rounded())
        return min(1024, max(16, size))
    }

    struct NameCollision: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path): 搜索索引中两个不同的文件得到了同一个文件名 (hash collision)，请报告此问题" }
    }

    /// The files under their names; two equal files are one file. Two different contents under
    /// one name would be a 64-bit hash collision, reported rather than one overwriting the other.
    static func add(_ contents: [Data], to files: inout [String: Data], at path: (String) -> String) throws -> [String] {
        // (Named on every core: a first build names ten thousand fragments.)
        let names = contents.count > 64 ? Parallel.map(contents, ContentName.of) : contents.map(ContentName.of)
        return try zip(contents, names).map { data, name in
            if let existing = files[path(name)], existing != data { throw NameCollision(path: path(name)) }
            files[path(name)] = data
            return name
        }
    }
}
