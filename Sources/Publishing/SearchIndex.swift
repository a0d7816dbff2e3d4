import Foundation
import TextKeys

/// The documents the site's search finds, and what a query finds among them.
///
/// The published form is sharded (`SearchShards`): the browser fetches only the postings of
/// a query's bigrams and the documents it shows. `search(_:)` here is the definition both the
/// shards and `search.js` are tested against: a document matches when one of its fields,
/// normalised, holds the normalised query.
///
/// Everything here comes from the public record: a year contributes only the registrations
/// its `published` stage and `archive_publish` allow, and write-ups only of achievements
/// that have a page.
public struct SearchIndex: Sendable, Equatable {
    /// One searchable page, as the browser receives it (a fragment file). Short JSON keys.
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
        /// The 编号 of an achievement.
        public var id: String?
        /// The award's badge class on the site's pages (`award-1` …), shown, not searched.
        public var awardClass: String?
        /// Further text searched (aliases, write-up, notice body), in NFC.
        public var text: String

        public init(kind: String, url: String, title: String, snippet: String, year: Int? = nil,
                    award: String? = nil, awardClass: String? = nil, id: String? = nil, text: String) {
            self.kind = kind
            self.url = url
            self.title = title
            self.snippet = snippet
            self.year = year
            self.award = award
            self.awardClass = awardClass
            self.id = id
            self.text = text
        }

        enum CodingKeys: String, CodingKey {
            case kind = "k", url = "u", title = "t", snippet = "s", year = "y", award = "a", awardClass = "c", id = "i", text = "x"
        }

        /// The document as `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` writes
        /// it, byte for byte, written directly: every build writes one per achievement, and the
        /// encoder's generic machinery cost as much as the rest of the search data.
        public var json: Data {
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count + title.utf8.count + url.utf8.count + 96)
            out.append(UInt8(ascii: "{"))
            func member(_ key: String, _ value: String?) {
                guard let value else { return }
                if out.count > 1 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: "\"\(key)\":".utf8)
                JSONText.appendString(value, to: &out)
            }
            // Keys in sorted order: a, c, i, k, s, t, u, x, y.
            member(CodingKeys.award.rawValue, award)
            member(CodingKeys.awardClass.rawValue, awardClass)
            member(CodingKeys.id.rawValue, id)
            member(CodingKeys.kind.rawValue, kind)
            member(CodingKeys.snippet.rawValue, snippet)
            member(CodingKeys.title.rawValue, title)
            member(CodingKeys.url.rawValue, url)
            member(CodingKeys.text.rawValue, text)
            if let year {
                if out.count > 1 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: "\"\(CodingKeys.year.rawValue)\":\(year)".utf8)
            }
            out.append(UInt8(ascii: "}"))
            return Data(out)
        }

        /// The fields a query is matched against, each on its own: a match never spans two
        /// fields. The title comes first: results matching in the title are listed first.
        public var fields: [String] { [title, id ?? "", award ?? "", snippet, text] }
    }

    public var documents: [Document]

    public init(documents: [Document]) {
        self.documents = documents
    }

    /// What a query finds, as document numbers in index order. Nil when the query is too short
    /// to search (fewer than two characters once normalised).
    public func search(_ query: String) -> [Int]? {
        Matcher(self).search(query)
    }

    /// The documents among `search(query)` that hold the query in their title: the browser
    /// lists these first.
    public func titleMatches(_ query: String) -> [Int] {
        Matcher(self).titleMatches(query)
    }

    /// The index with its fields normalised once, for asking many queries.
    public struct Matcher: Sendable {
        /// Per document, the scalars of the normalised fields (the title first).
        let keys: [[[Unicode.Scalar]]]

        public init(_ index: SearchIndex) {
            keys = index.documents.map { $0.fields.map { Array(SearchText.key($0).unicodeScalars) } }
        }

        public func search(_ query: String) -> [Int]? {
            let key = Array(SearchText.key(query).unicodeScalars)
            guard key.count >= 2 else { return nil }
            return keys.indices.filter { keys[$0].contains { SearchText.contains($0, key) } }
        }

        public func titleMatches(_ query: String) -> [Int] {
            let key = Array(SearchText.key(query).unicodeScalars)
            guard key.count >= 2 else { return [] }
            return keys.indices.filter { SearchText.contains(keys[$0][0], key) }
        }
    }
}
