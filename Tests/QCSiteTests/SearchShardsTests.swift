import Foundation
import Testing
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

/// The sharded search index: what the browser finds reading only the files a query needs is
/// what `SearchIndex.search` finds, file names follow the bytes, and the title check's shards
/// give the similarities `qcsite check` computes.
@Suite("Search shards")
struct SearchShardsTests {
    /// Small shards and directories, so a small index is cut into many files.
    static let small = SearchShards.Options(shardBytes: 600, shardsPerTable: 4, documentsPerDirectory: 4)

    static func titleCheck(_ documents: [SearchIndex.Document], threshold: Double = 0.8) -> TitleCheck {
        let titles = documents.filter { $0.kind == "成果" }.map { TitleCheck.Title(year: $0.year!, id: $0.id!, title: $0.title) }
        return TitleCheck(forYear: 2025, years: [2022, 2023, 2024], threshold: threshold, scope: "比对范围：示例。", titles: titles)
    }

    static func published(_ documents: [SearchIndex.Document], _ options: SearchShards.Options = small) throws -> [String: Data] {
        try SearchShards(SearchIndex(documents: documents), options: options).files
            .merging(titleCheck(documents).files(index: SearchIndex(documents: documents), shardBytes: 200)) { $1 }
    }

    /// The reference answer: the documents holding the query, those with it in the title first.
    static func expected(_ index: SearchIndex.Matcher, _ query: String) -> ShardedSearch.Found? {
        index.search(query).map { ShardedSearch.Found(numbers: $0, titled: Set(index.titleMatches(query))) }
    }

    @Test("Every sample query finds through the shards exactly what the unsharded search finds")
    func shardedEqualsReference() throws {
        let documents = SearchSamples.documents(synthetic: 300)
        let index = SearchIndex.Matcher(SearchIndex(documents: documents))
        let files = try Self.published(documents)
        let search = ShardedSearch(files: files)
        let manifest = try search.manifest
        #expect(manifest.tables.count > 10 && manifest.directories.count > 20 * ContentName.length, "the sample is cut into many files")
        let queries = SearchSamples.queries(documents, random: 200)
        var found = 0
        for query in queries {
            let sharded = try search.find(query)
            #expect(sharded == Self.expected(index, query), "\(query)")
            found += sharded?.numbers.isEmpty == false ? 1 : 0
        }
        #expect(found > queries.count / 2, "most sample queries find something")
        // Crafted cases, spelled out.
        func urls(_ query: String) throws -> [String] { try (search.find(query)?.numbers ?? []).map { documents[$0].url } }
        #expect(try urls("2024-039").contains("/2024/2024-039/"))
        #expect(try urls("一等奖").starts(with: ["/2024/2024-017/", "/2023/2023-007/", "/2022/2022-001/", "/notices/2024-results/"]))
        #expect(try !urls("光缆熔接").contains("/2023/2023-008/"), "a word split between title and snippet is not a match")
        #expect(try urls("哈哈哈哈哈").isEmpty && !urls("哈哈哈哈").isEmpty)
        #expect(try urls("𠮷𠮷𠮷") == ["/about/"] && urls("cafe\u{301}") == ["/2023/2023-008/"])
        #expect(try search.find("光") == nil && search.find("，，") == nil)
    }

    @Test("A fragment read through its directory is the document")
    func fragments() throws {
        let documents = SearchSamples.documents(synthetic: 50)
        let search = ShardedSearch(files: try Self.published(documents))
        for number in documents.indices {
            #expect(try search.document(number) == documents[number])
        }
    }

    @Test("A two-character query reads the manifest, one postings shard and the shown results")
    func readsOnlyWhatItNeeds() throws {
        let documents = SearchSamples.documents(synthetic: 3000)
        let files = try SearchShards(SearchIndex(documents: documents), options: .init(shardBytes: 4096)).files
        let search = ShardedSearch(files: files)
        let found = try #require(try search.find("光缆"))
        #expect(found.numbers.count > 100)
        for number in found.numbers.prefix(10) { _ = try search.document(number) }
        #expect(search.read.filter { $0.hasPrefix("search/d/") }.count == 1 && search.read.filter { $0.hasPrefix("search/g/") }.count == 1)
        #expect(!search.read.contains { $0.hasPrefix("search/p/") })
        #expect(search.read.filter { $0.hasPrefix("search/f/") }.count == 10)
        let read = search.read.reduce(0) { $0 + files[$1]!.count }, total = files.values.reduce(0) { $0 + $1.count }
        #expect(read * 20 < total, "read \(read) of \(total) bytes")

        // A longer query reads the positions of every second bigram and the last: 3 of 五 bigrams.
        let longer = ShardedSearch(files: files)
        _ = try longer.find("降低光缆熔")
        #expect(longer.read.filter { $0.hasPrefix("search/p/") }.count <= 3)
        #expect(!longer.read.contains { $0.hasPrefix("search/d/") })
    }

    @Test("The title shards give every compared title's similarity as qcsite check computes it")
    func titleCheckEqualsSimilarity() throws {
        let documents = SearchSamples.documents(synthetic: 300)
        let search = ShardedSearch(files: try Self.published(documents))
        let titles = Self.titleCheck(documents).titles
        for proposed in SearchSamples.proposedTitles + titles.prefix(40).map(\.title) {
            var expected: [Int: Double] = [:]
            for title in titles {
                let score = Similarity.dice(TextNormalization.titleKey(proposed), TextNormalization.titleKey(title.title))
                let number = documents.firstIndex { $0.year == title.year && $0.id == title.id }!
                if score > 0 { expected[number] = score }
            }
            #expect(try search.titleScores(proposed) == expected, "\(proposed)")
        }
    }

    @Test("A document's JSON is JSONEncoder's, byte for byte, whatever its text holds")
    func documentJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let pieces = ["提高", "a/b", "\"", "\\", "\u{2028}", "\u{7F}", "😀", "é", " ", "<>&'"] + (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        var random = SeededRandom(seed: 5)
        func text() -> String { (0..<6).map { _ in pieces.randomElement(using: &random)! }.joined() }
        func maybe() -> String? { Bool.random(using: &random) ? text() : nil }
        var documents = SearchSamples.documents(synthetic: 50)
        for _ in 0..<500 {
            documents.append(SearchIndex.Document(kind: text(), url: text(), title: text(), snippet: text(),
                                                  year: Bool.random(using: &random) ? Int.random(in: -5...3000, using: &random) : nil,
                                                  award: maybe(), awardClass: maybe(), id: maybe(), text: text()))
        }
        for document in documents {
            #expect(document.json == (try encoder.encode(document)), "\(document)")
        }
    }

    @Test("The same index gives the same files; a changed document changes only the shards of its bigrams")
    func deterministicAndStable() throws {
        let documents = SearchSamples.documents(synthetic: 300)
        let first = try Self.published(documents), second = try Self.published(documents)
        #expect(first == second)

        var changed = documents
        changed[100].title = "研制一种萤石熔接保护装置"
        let after = try SearchShards(SearchIndex(documents: changed), options: Self.small).files
        let before = try SearchShards(SearchIndex(documents: documents), options: Self.small).files
        let shards = before.keys.filter { $0.hasPrefix("search/d/") }
        let kept = shards.filter { after[$0] != nil }
        // The new title has 11 bigrams and the old 7; at most their shards and a neighbour each change.
        #expect(shards.count > 40 && shards.count - kept.count <= 2 * 18, "\(shards.count - kept.count) of \(shards.count) shards changed")
        let fragments = before.keys.filter { $0.hasPrefix("search/f/") }
        #expect(fragments.filter { after[$0] == nil }.count == 1, "only the changed document's fragment is new")
        // Which names a rebuild may drop without reading kept pages for links to them: all but the manifests.
        let published = try Self.published(documents).keys.filter { $0.hasPrefix("search/") }
        #expect(Set(published.filter { !SitePath.isContentNamedSearchData($0) }) == [SitePath.searchIndex, SitePath.searchTitles])
    }

    /// `Tests/js/fixture`: the samples' files and the Swift answers, which `node --test Tests/js`
    /// checks `search.js` against. Its bytes are committed, so this also checks that the files
    /// do not change between builds and machines. `QCSITE_RECORD_FIXTURE=1` writes it anew after
    /// a deliberate change of the format.
    @Test("The JavaScript fixture is what this build generates")
    func javascriptFixture() throws {
        let folder = SiteFixture.repository.appendingPathComponent("Tests/js/fixture")
        let documents = SearchSamples.documents(synthetic: 16)
        let index = SearchIndex.Matcher(SearchIndex(documents: documents))
        var files = try Self.published(documents)
        var answers: [String: [String: [Int]]] = [:]
        for query in SearchSamples.queries(documents, random: 60) {
            guard let found = Self.expected(index, query) else { continue }
            answers[query] = ["numbers": found.numbers,
                              "ranked": found.numbers.filter(found.titled.contains) + found.numbers.filter { !found.titled.contains($0) }]
        }
        let search = ShardedSearch(files: files)
        var titles: [String: [[Double]]] = [:]
        for proposed in SearchSamples.proposedTitles {
            titles[proposed] = try search.titleScores(proposed).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { [Double($0.key), $0.value] }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        files["expected.json"] = try encoder.encode(Fixture(queries: answers, titles: titles, documents: documents.count))

        if ProcessInfo.processInfo.environment["QCSITE_RECORD_FIXTURE"] == "1" {
            try? FileManager.default.removeItem(at: folder)
            for (path, data) in files {
                let url = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
        }
        let committed = Set(ShardedSearch.files(under: folder))
        #expect(committed == Set(files.keys), "Tests/js/fixture differs; after a deliberate change run QCSITE_RECORD_FIXTURE=1 swift test --filter SearchShardsTests")
        for (path, data) in files where committed.contains(path) {
            #expect(try Data(contentsOf: folder.appendingPathComponent(path)) == data, "\(path)")
        }
    }

    struct Fixture: Encodable {
        var queries: [String: [String: [Int]]]
        /// Proposed title → [document number, similarity] of every title sharing a bigram, best first.
        var titles: [String: [[Double]]]
        var documents: Int
    }
}
