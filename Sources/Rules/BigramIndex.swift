import TextKeys

/// An inverted index of normalised titles by their character bigrams, answering
/// "which indexed titles have a Dice coefficient of at least s with this one?" without
/// comparing every pair: a national archive holds tens of thousands of titles a year.
///
/// A title is a multiset of bigrams; the k-th occurrence of a bigram is its own token, so the
/// multiset intersection Dice uses is a plain set intersection of tokens. Two filters prune:
/// - length: Dice ≥ s needs the other title's token count within [a·s/(2−s), a·(2−s)/s];
/// - prefix: Dice ≥ s needs at least m shared tokens, so a match must share one of any a − m + 1
///   tokens of the query, and the rarest are taken. Only those tokens' postings are read; each
///   candidate found is then verified exactly. The result equals the brute-force comparison (tested).
/// An index of a few titles (an enterprise's own) keeps no postings and verifies each title.
public struct BigramIndex: Sendable {
    /// The tokens of each indexed title, ascending.
    private var documents: [[UInt64]] = []
    /// The titles holding each token, kept once the index holds `postingsFrom` titles.
    private var postings: [UInt64: [Int32]] = [:]
    /// Codes of the characters of titles added by text; titles added by code bring their own.
    private var characters = CharacterCodes()

    /// Below this many titles a query is verified against each title within the length bounds:
    /// cheaper than postings for the few titles an enterprise registers in a year or two.
    static let postingsFrom = 32

    public init() {}

    public var count: Int { documents.count }

    /// Adds a normalised title; returns its position, the handle `matches` reports.
    @discardableResult
    public mutating func add(_ key: String) -> Int {
        add(codes: characters.assign(key))
    }

    /// Adds a title as the codes of its characters (`CharacterCodes`): a caller with many
    /// indexes codes each title once, with one table for all.
    @discardableResult
    public mutating func add(codes: [UInt32]) -> Int {
        let doc = documents.count
        documents.append(Self.tokens(codes))
        if documents.count == Self.postingsFrom {
            for (earlier, tokens) in documents.enumerated() { post(tokens, as: earlier) }
        } else if documents.count > Self.postingsFrom {
            post(documents[doc], as: doc)
        }
        return doc
    }

    private mutating func post(_ tokens: [UInt64], as doc: Int) {
        for token in tokens { postings[token, default: []].append(Int32(doc)) }
    }

    /// Indexed titles whose Dice coefficient with `key` is at least `threshold` (and that
    /// share at least one bigram), with the coefficient; in index order.
    public func matches(_ key: String, threshold: Double) -> [(doc: Int, similarity: Double)] {
        matches(codes: characters.look(key), threshold: threshold)
    }

    /// `matches` for a title given as the codes of its characters, from the same `CharacterCodes`
    /// as the indexed titles.
    public func matches(codes: [UInt32], threshold: Double) -> [(doc: Int, similarity: Double)] {
        let query = Self.tokens(codes)
        let a = query.count
        guard a > 0 else { return [] }
        let s = max(threshold, 0)
        let epsilon = 1e-9
        let minLength = s > 0 ? Int((Double(a) * s / (2 - s) - epsilon).rounded(.up)) : 1
        let maxLength = s > 0 ? Int((Double(a) * (2 - s) / s + epsilon).rounded(.down)) : Int.max
        func fits(_ doc: Int) -> Bool { documents[doc].count >= minLength && documents[doc].count <= maxLength }
        var candidates: [Int]
        if documents.count < Self.postingsFrom {
            candidates = documents.indices.filter(fits)
        } else {
            // Tokens the index has never seen share nothing: they are the rarest of all (frequency 0).
            let lists = query.compactMap { postings[$0] }.sorted { $0.count < $1.count }
            let unseen = a - lists.count
            let minShared = max(1, Int((s * Double(a + max(minLength, 1)) / 2 - epsilon).rounded(.up)))
            let prefixLength = a - minShared + 1
            guard prefixLength > unseen else { return [] }
            var found = Set<Int>()
            for list in lists.prefix(prefixLength - unseen) {
                for doc in list where fits(Int(doc)) { found.insert(Int(doc)) }
            }
            candidates = found.sorted()
        }
        var result: [(doc: Int, similarity: Double)] = []
        for doc in candidates {
            let tokens = documents[doc]
            let shared = Self.sharedCount(query, tokens)
            let similarity = 2 * Double(shared) / Double(a + tokens.count)
            if shared > 0 && similarity >= s - epsilon { result.append((doc, similarity)) }
        }
        return result
    }

    /// Size of the intersection of two ascending token lists.
    private static func sharedCount(_ x: [UInt64], _ y: [UInt64]) -> Int {
        var i = 0, j = 0, shared = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] { shared += 1; i += 1; j += 1 } else if x[i] < y[j] { i += 1 } else { j += 1 }
        }
        return shared
    }

    /// Character codes are 21 bits; the top value is the partner of a one-character title
    /// (`CharacterCodes` never gives it, nor the value above it, kept for unseen characters).
    static let noPartner: UInt32 = 0x1F_FFFE

    /// The tokens of a title: (bigram, occurrence) packed into one integer. Bigrams are of
    /// characters as `Similarity.bigrams` makes them, so scores equal `Similarity.dice`.
    private static func tokens(_ ids: [UInt32]) -> [UInt64] {
        var grams: [UInt64] = []
        if ids.count == 1 {
            grams = [UInt64(ids[0]) << 21 | UInt64(noPartner)]
        } else {
            grams.reserveCapacity(max(ids.count - 1, 0))
            for i in 0..<max(ids.count - 1, 0) { grams.append(UInt64(ids[i]) << 21 | UInt64(ids[i + 1])) }
        }
        // Sorted, equal bigrams are neighbours and number their occurrences without a table.
        grams.sort()
        var tokens: [UInt64] = []
        tokens.reserveCapacity(grams.count)
        var occurrence: UInt64 = 0
        for (i, gram) in grams.enumerated() {
            occurrence = i > 0 && grams[i - 1] == gram ? occurrence + 1 : 0
            tokens.append(gram << 20 | occurrence)
        }
        return tokens
    }
}
