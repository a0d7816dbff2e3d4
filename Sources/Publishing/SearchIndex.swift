import Foundation
import TextKeys

/// The site's search index (`search/index.json`): documents and the character bigrams of
/// their normalised text. The browser (`assets/search.js`) intersects the postings of a
/// query's bigrams, then checks the query as a substring of each candidate's fields, so
/// the postings only narrow the candidates and never decide a match alone.
///
/// Everything here comes from the public record: a year contributes only the registrations
/// its `published` stage and `archive_publish` allow, and write-ups only of achievements
/// that have a page.
public struct SearchIndex: Sendable, Equatable {
    /// One searchable page. Short JSON keys: an archive of thousands of entries stays small.
    public struct Document: Codable, Sendable, Equatable {
        /// 成果, 通知, 单位 or 页面.
        public var kind: String
        public var url: String
        public var title: String
        /// A short line under the title: enterprise and group, a notice's date, an enterprise's aliases.
        public var snippet: String
        public var year: Int?
        /// The award, or 入围 for a shortlisted entry.
        public var award: String?
        /// Further text searched (aliases, write-up, notice body), in NFC.
        public var text: String

        enum CodingKeys: String, CodingKey {
            case kind = "k", url = "u", title = "t", snippet = "s", year = "y", award = "a", text = "x"
        }

        /// The fields a query is matched against, each on its own: a match never spans two fields.
        public var fields: [String] { [title, snippet, text] }
    }

    public var documents: [Document]
    /// Bigram → ascending document numbers.
    public var postings: [String: [Int]]

    public init(documents: [Document]) {
        self.documents = documents
        var postings: [String: [Int]] = [:]
        for (number, document) in documents.enumerated() {
            var seen = Set<String>()
            for field in document.fields {
                for bigram in SearchText.bigrams(SearchText.key(field)) where seen.insert(bigram).inserted {
                    postings[bigram, default: []].append(number)
                }
            }
        }
        self.postings = postings
    }

    /// The index file: `{"docs": [...], "postings": {"光缆": [0, 3]}, "version": 1}`, sorted keys.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(IndexFile(docs: documents, postings: postings, version: 1))
    }

    struct IndexFile: Codable {
        var docs: [Document]
        var postings: [String: [Int]]
        var version: Int
    }

    public static func decode(_ data: Data) throws -> SearchIndex {
        let file = try JSONDecoder().decode(IndexFile.self, from: data)
        var index = SearchIndex(documents: [])
        index.documents = file.docs
        index.postings = file.postings
        return index
    }

    /// What a query finds, as document numbers in index order; the algorithm of `search.js`.
    /// Nil when the query is too short to search (fewer than two characters once normalised).
    public func search(_ query: String) -> [Int]? {
        let key = SearchText.key(query)
        guard key.unicodeScalars.count >= 2 else { return nil }
        var candidates: [Int]?
        for bigram in Set(SearchText.bigrams(key)) {
            let list = postings[bigram] ?? []
            candidates = candidates.map { current in
                let set = Set(list)
                return current.filter { set.contains($0) }
            } ?? list
            if candidates?.isEmpty == true { return [] }
        }
        return (candidates ?? []).filter { number in
            documents[number].fields.contains { SearchText.contains(SearchText.key($0), key) }
        }
    }
}

/// The text normalisation of search, shared with `search.js`: canonical composition (NFC),
/// then the title normalisation of the resubmission rule (half-width, lower case, no spaces,
/// punctuation or symbols). Bigrams are of Unicode scalars, as JavaScript iterates a string.
public enum SearchText {
    public static func key(_ text: String) -> String {
        TextNormalization.titleKey(text.precomposedStringWithCanonicalMapping)
    }

    /// Whether `text` holds `part` as a run of scalars (as `indexOf` in JavaScript, not by grapheme).
    public static func contains(_ text: String, _ part: String) -> Bool {
        let haystack = Array(text.unicodeScalars), needle = Array(part.unicodeScalars)
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    public static func bigrams(_ key: String) -> [String] {
        let scalars = Array(key.unicodeScalars)
        guard scalars.count > 1 else { return [] }
        return (0..<(scalars.count - 1)).map { i in
            var pair = String.UnicodeScalarView()
            pair.append(scalars[i])
            pair.append(scalars[i + 1])
            return String(pair)
        }
    }
}
