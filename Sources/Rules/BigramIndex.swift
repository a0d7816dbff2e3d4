import TextKeys

/// An inverted index of normalised titles by their character bigrams, answering
/// "which indexed titles have a Dice coefficient of at least s with this one?" without
/// comparing every pair: a national archive holds tens of thousands of titles a year.
///
/// A title is a multiset of bigrams; the k-th occurrence of a bigram is its own token, so the
/// multiset intersection Dice uses is a plain set intersection of tokens. Two filters prune:
/// - length: Dice ≥ s needs the other title's token count within [a·s/(2−s), a·(2−s)/s];
/// - prefix: Dice ≥ s needs at least m shared tokens, so a match must share one of the query's
///   a − m + 1 rarest tokens. Only those tokens' postings are read; each candidate found is
///   then verified exactly. The result equals the brute-force comparison (tested).
public struct BigramIndex: Sendable {
    /// Token ids of each indexed title, ascending.
    private var documents: [[Int32]] = []
    private var postings: [[Int32]] = []
    private var tokenIds: [UInt64: Int32] = [:]
    /// Codes of the characters of titles added by text; titles added by code bring their own.
    private var characters = CharacterCodes()

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
        let doc = Int32(documents.count)
        var tokens: [Int32] = []
        for token in Self.tokens(codes) {
            let id: Int32
            if let known = tokenIds[token] {
                id = known
            } else {
                id = Int32(postings.count)
                tokenIds[token] = id
                postings.append([])
            }
            postings[Int(id)].append(doc)
            tokens.append(id)
        }
        tokens.sort()
        documents.append(tokens)
        return Int(doc)
    }

    /// Indexed titles whose Dice coefficient with `key` is at least `threshold` (and that
    /// share at least one bigram), with the coefficient; in index order.
    public func matches(_ key: String, threshold: Double) -> [(doc: Int, similarity: Double)] {
        matches(codes: characters.look(key), threshold: threshold)
    }

    /// `matches` for a title given as the codes of its characters, from the same `CharacterCodes`
    /// as the indexed titles.
    public func matches(codes: [UInt32], threshold: Double) -> [(doc: Int, similarity: Double)] {
        let keys = Self.tokens(codes)
        let a = keys.count
        guard a > 0 else { return [] }
        // Tokens the index has never seen share nothing: they are the rarest of all (frequency 0).
        let known = keys.compactMap { tokenIds[$0] }
        let unseen = a - known.count
        let s = max(threshold, 0)
        let epsilon = 1e-9
        let minLength = s > 0 ? Int((Double(a) * s / (2 - s) - epsilon).rounded(.up)) : 1
        let maxLength = s > 0 ? Int((Double(a) * (2 - s) / s + epsilon).rounded(.down)) : Int.max
        let minShared = max(1, Int((s * Double(a + max(minLength, 1)) / 2 - epsilon).rounded(.up)))
        let prefixLength = a - minShared + 1
        guard prefixLength > unseen else { return [] }
        let rarest = known.sorted { postings[Int($0)].count != postings[Int($1)].count
            ? postings[Int($0)].count < postings[Int($1)].count : $0 < $1 }
        var candidates = Set<Int32>()
        for token in rarest.prefix(prefixLength - unseen) {
            for doc in postings[Int(token)] {
                let length = documents[Int(doc)].count
                if length >= minLength && length <= maxLength { candidates.insert(doc) }
            }
        }
        let query = known.sorted()
        var result: [(doc: Int, similarity: Double)] = []
        for doc in candidates.sorted() {
            let tokens = documents[Int(doc)]
            let shared = Self.sharedCount(query, tokens)
            let similarity = 2 * Double(shared) / Double(a + tokens.count)
            if shared > 0 && similarity >= s - epsilon { result.append((Int(doc), similarity)) }
        }
        return result
    }

    /// Size of the intersection of two ascending token lists.
    private static func sharedCount(_ x: [Int32], _ y: [Int32]) -> Int {
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
