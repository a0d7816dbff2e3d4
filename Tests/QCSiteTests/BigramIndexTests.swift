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

@Suite("Bigram index")
struct BigramIndexTests {
    /// Titles from a small alphabet so that many pairs are similar and many share bigrams.
    static func titles(_ count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        let alphabet = Array("提高降低基站故障率时长宽带")
        return (0..<count).map { _ in String((0..<(1 + Int(next() % 9))).map { _ in alphabet[Int(next()) % alphabet.count] }) }
    }

    @Test("Finds exactly the titles brute-force Dice finds, at several thresholds and sizes (with and without postings)",
          arguments: [0.5, 0.8, 0.9, 1.0], [10, BigramIndex.postingsFrom, 300])
    func equalsBruteForce(threshold: Double, size: Int) {
        let indexed = Self.titles(size, seed: 7)
        let queries = Self.titles(100, seed: 11) + ["", "提", "未见过的字"]
        var index = BigramIndex()
        for title in indexed { index.add(title) }
        for query in queries {
            let expected = indexed.indices.filter { i in
                let d = Similarity.dice(query, indexed[i])
                return !query.isEmpty && d >= threshold - 1e-9 && d > 0
                    && !Set(Similarity.bigrams(query)).isDisjoint(with: Similarity.bigrams(indexed[i]))
            }
            let found = index.matches(query, threshold: threshold)
            #expect(found.map(\.doc) == expected, "query 「\(query)」")
            for match in found {
                #expect(abs(match.similarity - Similarity.dice(query, indexed[match.doc])) < 1e-12)
            }
        }
    }
}
