import Foundation

/// The search index as the site publishes it: a small manifest, `search/index.json`, and
/// files the browser fetches only when a query needs them.
///
/// - `d/<name>.bin`, the postings: for each bigram, the documents holding it, each flagged when
///   the bigram is in its title. A two-character query reads one of these alone.
/// - `p/<name>.bin`, the positions of the same bigrams: a longer query reads those of every
///   second bigram and the last (`SearchText.coveringOffsets`) and keeps the documents where
///   they line up, which is exactly where the whole query occurs.
/// - `f/<name>.json`, one fragment per document (the `SearchIndex.Document` JSON), read for the
///   results shown; `m/<name>.json`, directories naming the fragments of a run of documents.
///
/// Shards hold the bigrams from their first key (listed in the manifest) to the next shard's.
/// Every file is named after its bytes (`ContentName`), and the same index gives the same files.
struct SearchShards {
    struct Options {
        /// About how many bytes of postings and positions a shard holds.
        var shardBytes = 32_768
        /// Documents per directory file; nil: chosen from the number of documents.
        var documentsPerDirectory: Int? = nil
    }

    struct Manifest: Codable, Equatable {
        var version = 2
        var documents: Int
        var documentsPerDirectory: Int
        var directories: [String]
        /// The first bigram of each shard.
        var shards: [String]
        var postings: [String]
        var positions: [String]

        enum CodingKeys: String, CodingKey {
            case version, documents, documentsPerDirectory = "per_directory", directories, shards, postings, positions
        }
    }

    static let manifestPath = SitePath.searchIndex
    static func postingsPath(_ name: String) -> String { "search/d/\(name).bin" }
    static func positionsPath(_ name: String) -> String { "search/p/\(name).bin" }
    static func fragmentPath(_ name: String) -> String { "search/f/\(name).json" }
    static func directoryPath(_ name: String) -> String { "search/m/\(name).json" }

    /// Every file, by output path.
    let files: [String: Data]
    let manifest: Manifest

    init(_ index: SearchIndex, options: Options = Options()) throws {
        var files: [String: Data] = [:]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]

        let fragments = try Parallel.map(index.documents) { try encoder.encode($0) }
        let fragmentNames = fragments.map(ContentName.of)
        let perDirectory = options.documentsPerDirectory ?? Self.documentsPerDirectory(index.documents.count)
        var directories: [String] = []
        for start in stride(from: 0, to: fragments.count, by: perDirectory) {
            let names = Array(fragmentNames[start..<min(start + perDirectory, fragments.count)])
            let data = try encoder.encode(names)
            directories.append(ContentName.of(data))
            try Self.add(to: &files, Self.directoryPath(directories.last!), data)
        }
        for (name, data) in zip(fragmentNames, fragments) {
            try Self.add(to: &files, Self.fragmentPath(name), data)
        }

        let postings = try BigramPostings(documents: index.documents)
        let entries = postings.lists.keys.sorted().map { code in
            let lists = postings.lists[code]!
            return ShardSet.Entry(key: BigramCode.scalars(code), payloads: [lists.documents, lists.positions])
        }
        let shards = ShardSet(entries: entries, kinds: 2, target: options.shardBytes)
        var postingNames: [String] = [], positionNames: [String] = []
        for shard in shards.files {
            postingNames.append(ContentName.of(shard[0]))
            try Self.add(to: &files, Self.postingsPath(postingNames.last!), shard[0])
            positionNames.append(ContentName.of(shard[1]))
            try Self.add(to: &files, Self.positionsPath(positionNames.last!), shard[1])
        }
        manifest = Manifest(documents: index.documents.count, documentsPerDirectory: perDirectory,
                            directories: directories, shards: shards.firstKeys, postings: postingNames,
                            positions: positionNames)
        try Self.add(to: &files, Self.manifestPath, encoder.encode(manifest))
        self.files = files
    }

    /// A result shown reads its directory and its fragment: small directories keep the first,
    /// few directories keep the manifest small. About √(n/10), a power of two from 16 to 1024.
    static func documentsPerDirectory(_ count: Int) -> Int {
        var size = 16
        while size < 1024 && size * size * 10 < count { size *= 2 }
        return size
    }

    struct NameCollision: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path): 搜索索引中两个不同的文件得到了同一个文件名 (hash collision)，请报告此问题" }
    }

    /// Two files with one name are one file; two different contents under one name would be a
    /// 64-bit hash collision, reported rather than letting one overwrite the other.
    private static func add(to files: inout [String: Data], _ path: String, _ data: Data) throws {
        if let existing = files[path], existing != data {
            throw NameCollision(path: path)
        }
        files[path] = data
    }
}
