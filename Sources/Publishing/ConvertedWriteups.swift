import Disclosure
import Synchronization

/// Each write-up's Markdown done once in a first build, for both the achievement page that
/// shows it and the search document that indexes its text: whichever asks first converts it
/// (one parse for the HTML and the text) and leaves what the other needs here; the other takes
/// it. The pages go oldest year first and the search newest first, so they meet once, in the
/// middle, and what is left waiting is at most the half of the write-ups each has done alone.
/// Not shared in a rebuild, where one side may make what the other keeps (a template changed
/// renders every page and no search document): each side then does only what it needs.
final class ConvertedWriteups: Sendable {
    /// Whether the two sides share what they convert (a first build, where both make everything).
    let shared: Bool

    init(shared: Bool = true) {
        self.shared = shared
    }

    /// What one side left for the other, by the write-up's digest: the page's HTML and the
    /// text (the search's), or the text alone (the page's).
    private let left = Mutex<[String: (html: String?, text: String)]>([:])
    /// How many write-ups were converted.
    private let count = Atomic<Int>(0)

    /// The HTML and the text of a write-up, for its page.
    func forPage(_ writeup: PublicWriteup) throws -> (html: String, text: String) {
        guard shared else { return try convert(writeup) }
        if let done = take(writeup.digest), let html = done.html { return (html, done.text) }
        let converted = try convert(writeup)
        leave(writeup.digest, (nil, converted.text))
        return converted
    }

    /// The text of a write-up, for its search document.
    func forSearch(_ writeup: PublicWriteup) throws -> String {
        guard shared else { return Markdown.plainText(try writeup.markdown()) }
        if let done = take(writeup.digest) { return done.text }
        let converted = try convert(writeup)
        leave(writeup.digest, (converted.html, converted.text))
        return converted.text
    }

    /// How many write-ups wait for the other side, and how many were converted.
    var waiting: Int { left.withLock { $0.count } }
    var conversions: Int { count.load(ordering: .relaxed) }

    private func convert(_ writeup: PublicWriteup) throws -> (html: String, text: String) {
        count.add(1, ordering: .relaxed)
        return Markdown.convert(try writeup.markdown(), rawHTML: false)
    }

    private func take(_ digest: String) -> (html: String?, text: String)? {
        left.withLock { $0.removeValue(forKey: digest) }
    }

    /// Left for the other side; when the other side converted it at the same time (and left
    /// its own), neither needs what is left, and both are dropped.
    private func leave(_ digest: String, _ done: (html: String?, text: String)) {
        left.withLock { left in
            if left.removeValue(forKey: digest) == nil { left[digest] = done }
        }
    }
}
