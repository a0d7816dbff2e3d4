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
        var version = 2
        var documents: Int
        var documentsPerDirectory: Int
        /// The directories' names, one after another (`ContentName.names`).
        var directories: String
        /// The first bigram of each shard table, and the tables' names.
        var tables: [String]
        var tableFiles: String

        enum CodingKeys: String, CodingKey {
            case version, documents, documentsPerDirectory = "per_directory", directories, tables, tableFiles = "table_files"
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

    /// Every file, by output path.
    let files: [String: Data]
    let manifest: Manifest

    init(_ index: SearchIndex, options: Options = Options()) throws {
        var files: [String: Data] = [:]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]

        let fragments = try Parallel.map(index.documents) { $0.json }
        let fragmentNames = try Self.add(fragments, to: &files, at: Self.fragmentPath)
        let perDirectory = options.documentsPerDirectory ?? Self.documentsPerDirectory(index.documents.count)
        let directories = try stride(from: 0, to: fragments.count, by: perDirectory).map { start in
            try encoder.encode(ContentName.names(Array(fragmentNames[start..<min(start + perDirectory, fragments.count)])))
        }
        let directoryNames = try Self.add(directories, to: &files, at: Self.directoryPath)

        let postings = try BigramPostings(documents: index.documents)
        let entries = postings.lists.keys.sorted().map { code in
            let lists = postings.lists[code]!
            return ShardSet.Entry(key: BigramCode.scalars(code), payloads: [lists.documents, lists.positions])
        }
        let shards = ShardSet(entries: entries, kinds: 2, target: options.shardBytes)
        let postingNames = try Self.add(shards.files.map { $0[0] }, to: &files, at: Self.postingsPath)
        let positionNames = try Self.add(shards.files.map { $0[1] }, to: &files, at: Self.positionsPath)
        var tables: [String] = [], tableFiles: [Data] = []
        for start in stride(from: 0, to: shards.firstKeys.count, by: options.shardsPerTable) {
            let run = start..<min(start + options.shardsPerTable, shards.firstKeys.count)
            tables.append(shards.firstKeys[start])
            tableFiles.append(try encoder.encode(Table(shards: Array(shards.firstKeys[run]),
                                                       postings: ContentName.names(Array(postingNames[run])),
                                                       positions: ContentName.names(Array(positionNames[run])))))
        }
        let tableNames = try Self.add(tableFiles, to: &files, at: Self.tablePath)

        manifest = Manifest(documents: index.documents.count, documentsPerDirectory: perDirectory,
                            directories: ContentName.names(directoryNames), tables: tables,
                            tableFiles: ContentName.names(tableNames))
        files[Self.manifestPath] = try encoder.encode(manifest)
        self.files = files
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
        try contents.map { data in
            let name = ContentName.of(data)
            if let existing = files[path(name)], existing != data { throw NameCollision(path: path(name)) }
            files[path(name)] = data
            return name
        }
    }
}
