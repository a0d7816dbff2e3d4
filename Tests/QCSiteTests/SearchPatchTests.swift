import Foundation
import Testing
@testable import Publishing

/// A rebuild patches the published search index with the documents that changed instead of
/// indexing every document again; what it publishes must be, file for file, what indexing
/// every document gives.
@Suite("Search index patched")
struct SearchPatchTests {
    /// The output folder of a test: the files of the last index written, with their keys.
    final class Output {
        let folder: URL
        private(set) var keys: [String: String] = [:]

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("qcsite-search-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        var previous: PreviousOutput { PreviousOutput(keys: keys, folder: folder) }

        /// `previous`, its index read back on another thread from now on, as a build reads it
        /// while it imports and checks (`ahead`), or when the index is made.
        func previous(ahead: Bool) -> PreviousOutput { ahead ? previous.readingSearchIndexAhead() : previous }

        /// Publishes `shards` as a build does: files made are written, kept ones stay, others go.
        func publish(_ shards: SearchShards) throws {
            for path in keys.keys where shards.published[path] == nil {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(path))
            }
            for (path, file) in shards.published {
                if let data = file.data {
                    let url = folder.appendingPathComponent(path)
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try data.write(to: url)
                } else {
                    #expect(keys[path] == file.key, "\(path) is kept only as the output holds it")
                }
            }
            keys = shards.published.mapValues(\.key)
        }

        /// Every file of `shards`, kept ones read from the folder.
        func bytes(_ shards: SearchShards) throws -> [String: Data] {
            var result: [String: Data] = [:]
            for (path, file) in shards.published {
                result[path] = try file.data ?? Data(contentsOf: folder.appendingPathComponent(path))
            }
            return result
        }

        /// Replaces a file's bytes; `known` false: its key is dropped too, as a build drops a
        /// file whose stamp is not the one its record gives.
        func damage(_ path: String, with data: Data, known: Bool) throws {
            try data.write(to: folder.appendingPathComponent(path))
            if !known { keys[path] = nil }
        }
    }

    static func shards(_ documents: [SearchIndex.Document], _ previous: PreviousOutput = PreviousOutput()) throws -> SearchShards {
        try SearchShards(sources: documents.map { SearchSource($0) }, previous: previous, options: SearchShardsTests.small)
    }

    /// Changes a few documents as staff would: a write-up extended or cut, a title reworded, an
    /// award given, text with characters no other document has.
    static func edit(_ documents: inout [SearchIndex.Document], round: Int, _ random: inout SeededRandom) {
        for _ in 0...random.next(below: 3) {
            let number = random.next(below: documents.count)
            var document = documents[number]
            switch random.next(below: 5) {
            case 0: document.text += "，复查后效果保持稳定\(round)"
            case 1: document.text = String(document.text.prefix(random.next(below: document.text.count + 1)))
            case 2: document.title = "降低" + document.title.dropFirst(2) + "超标率"
            case 3: (document.award, document.awardClass) = ("一等奖", "award-1")
            default: document.text += " 𠀋𠀌\(round) ꀀꀁ"
            }
            documents[number] = document
        }
    }

    @Test("Patched round after round, the index is file for file the one made from every document",
          arguments: [false, true])
    func patchedEqualsClean(readAhead: Bool) throws {
        var documents = SearchSamples.documents(synthetic: 400)
        let output = try Output()
        let first = try Self.shards(documents, output.previous)
        #expect(!first.patched, "nothing to patch on a first build")
        try output.publish(first)
        var random = SeededRandom(seed: 11)
        for round in 1...12 {
            Self.edit(&documents, round: round, &random)
            let patched = try Self.shards(documents, output.previous(ahead: readAhead))
            let clean = try Self.shards(documents)
            #expect(patched.patched, "round \(round)")
            #expect(try output.bytes(patched) == clean.files, "round \(round)")
            #expect(patched.published.values.filter { $0.data != nil }.count < clean.published.count / 4,
                    "round \(round): most files are kept")
            try output.publish(patched)
        }
    }

    @Test("A sentence added to a write-up reads the shards of the bigrams it changes, not of every bigram the write-up holds")
    func readsChangedBigramsOnly() throws {
        var documents = SearchSamples.documents(synthetic: 400)
        // A write-up of a few thousand characters, as an achievement's is.
        let number = 40
        documents[number].text = documents.map(\.text).filter { !$0.isEmpty }.prefix(120).joined(separator: "。")
        let output = try Output()
        try output.publish(try Self.shards(documents))
        // The shards holding the document's bigrams: what a patch of all of them would read.
        let codes = Set(BigramPostings.occurrences(of: documents[number]).occurrences.map(\.code))
        let firsts = try SearchShards.Published.read(output.previous, expecting: nil, damaged: DamagedFiles()).map { $0.shards.map(\.first) }
        let holding = Set(codes.map { code in try! #require(firsts).lastIndex { $0 <= code }! })

        documents[number].text += "，复查后效果稳定"
        let patched = try Self.shards(documents, output.previous)
        let read = try #require(patched.shardsRead)
        #expect(read <= 30 && holding.count > 5 * read, "\(read) shards read; the write-up's bigrams are in \(holding.count)")
        #expect(try output.bytes(patched) == (try Self.shards(documents)).files)
    }

    @Test("Patched shard by shard at any shard size, the index is the one made from every document",
          arguments: [200, 900, 4000])
    func patchedAtShardSizes(shardBytes: Int) throws {
        let options = SearchShards.Options(shardBytes: shardBytes, shardsPerTable: 3, documentsPerDirectory: 8)
        func shards(_ documents: [SearchIndex.Document], _ previous: PreviousOutput = PreviousOutput()) throws -> SearchShards {
            try SearchShards(sources: documents.map { SearchSource($0) }, previous: previous, options: options)
        }
        var documents = SearchSamples.documents(synthetic: 240)
        let output = try Output()
        try output.publish(try shards(documents))
        var random = SeededRandom(seed: UInt64(shardBytes))
        var patched = 0
        for round in 1...40 {
            Self.edit(&documents, round: round, &random)
            if round % 7 == 0 { documents[0].text += " 丂丄\(round)" }  // bigrams sorting first
            if round % 5 == 0 { documents[documents.count - 1].text += " \u{10FFFD}\u{10FFFD}\(round)" }  // and last
            let next = try shards(documents, output.previous)
            #expect(try output.bytes(next) == shards(documents).files, "round \(round)")
            patched += next.patched ? 1 : 0
            try output.publish(next)
        }
        #expect(patched >= 30, "\(patched) of 40 rounds patched")
    }

    @Test("An index that cannot be patched is made from every document: other documents, or a file not as written",
          arguments: [false, true])
    func fallsBack(readAhead: Bool) throws {
        var documents = SearchSamples.documents(synthetic: 200)
        let output = try Output()
        try output.publish(try Self.shards(documents))

        documents.removeLast()
        let fewer = try Self.shards(documents, output.previous(ahead: readAhead))
        #expect(!fewer.patched)
        #expect(try output.bytes(fewer) == (try Self.shards(documents)).files)
        try output.publish(fewer)

        // Every positions shard damaged in place, its size and key the same (one bit of a
        // position), and a document edited: the shard the patch reads no longer hashes to its
        // name, so nothing is patched from it, and every other shard is read and checked too.
        let shards = output.keys.keys.filter { $0.hasPrefix("search/p/") }.sorted()
        for shard in shards {
            var flipped = try Data(contentsOf: output.folder.appendingPathComponent(shard))
            flipped[flipped.count - 1] ^= 0x01
            try output.damage(shard, with: flipped, known: true)
        }
        documents[0].text += "，又一句"
        let refused = try Self.shards(documents, output.previous(ahead: readAhead))
        #expect(!refused.patched)
        #expect(shards.allSatisfy { refused.published[$0] == nil || refused.published[$0]?.data != nil },
                "made again and written, never kept as they are")
        #expect(try output.bytes(refused) == (try Self.shards(documents)).files)
        try output.publish(refused)

        // Bytes that are no shard under a shard's name and key, in every shard: refused, nothing patched.
        for shard in output.keys.keys.filter({ $0.hasPrefix("search/d/") }) {
            try output.damage(shard, with: Data([0x02, 0x80, 0x80]), known: true)
        }
        documents[1].text += "，又一句"
        let garbled = try Self.shards(documents, output.previous(ahead: readAhead))
        #expect(!garbled.patched)
        #expect(try output.bytes(garbled) == (try Self.shards(documents)).files)
        try output.publish(garbled)

        // A shard changed since it was written, as a build finds it by its stamp: made again.
        let first = try #require(output.keys.keys.filter { $0.hasPrefix("search/p/") }.min())
        try output.damage(first, with: Data("not a shard".utf8), known: false)
        documents[2].text += "，又一句"
        let remade = try Self.shards(documents, output.previous(ahead: readAhead))
        #expect(!remade.patched)
        #expect(try output.bytes(remade) == (try Self.shards(documents)).files)
        #expect(remade.published.values.contains { $0.data == nil }, "files as written are still kept")
    }

    @Test("A shard entry whose key is no pair of scalars (a surrogate, past U+10FFFF) is refused")
    func scalarKeys() {
        let entry = { (first: [UInt8], second: [UInt8]) in [2] + first + second + [1, 0] }
        #expect(SearchShards.Published.shardEntries(postings: entry([0x61], [0x62]), positions: entry([0x61], [0x62])) != nil)
        for bad in [[0x80, 0xb0, 0x03], [0xff, 0xbf, 0x03], [0x80, 0x80, 0x44]] as [[UInt8]] {  // U+D800, U+DFFF, 0x110000
            #expect(SearchShards.Published.shardEntries(postings: entry(bad, [0x61]), positions: entry(bad, [0x61])) == nil)
            #expect(SearchShards.Published.shardEntries(postings: entry([0x61], bad), positions: entry([0x61], bad)) == nil)
        }
    }
}
