import Foundation

/// A list of the archive that a notice carries instead of typing it: a line of its own holding
/// `{{入围名单}}` or `{{获奖名单}}` (of the notice's `year`), or naming a year, `{{入围名单 2024}}` or
/// `{{2024年获奖名单}}`. The site renders the year's list in its place, so a notice never
/// disagrees with the list page, and never gives away an order the page keeps back.
public enum NoticeList: String, Sendable, CaseIterable {
    case shortlist, results

    /// The name staff write between the braces.
    public var name: String { self == .shortlist ? "入围名单" : "获奖名单" }

    /// The stage from which the list is public.
    public var stage: Stage { self == .shortlist ? .shortlist : .results }

    /// The placeholder as `qcsite notice` writes it.
    public var placeholder: String { "{{\(name)}}" }

    /// One line of a notice's Markdown that is a placeholder.
    public struct Placeholder: Sendable, Equatable {
        /// Nil for a line of braces that names no list: a typo, to report rather than print.
        public var list: NoticeList?
        /// The year it names; nil for the notice's own year.
        public var year: Int?
        /// 0-based line within the Markdown.
        public var line: Int
        /// The line as written, trimmed.
        public var text: String
    }

    private static let pattern = try! NSRegularExpression(
        pattern: #"^(?:([0-9]{4})\s*年?\s*)?(入围名单|获奖名单|shortlist|results)(?:\s*([0-9]{4})\s*年?)?$"#)

    /// Every placeholder line of `markdown`, in order; lines inside fenced code are text.
    public static func placeholders(in markdown: String) -> [Placeholder] {
        var found: [Placeholder] = []
        var fenced = false
        for (index, raw) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") || line.hasPrefix("~~~") { fenced.toggle() }
            guard !fenced, line.hasPrefix("{{"), line.hasSuffix("}}"), line.count >= 4 else { continue }
            let inner = line.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)
            var placeholder = Placeholder(list: nil, year: nil, line: index, text: line)
            let range = NSRange(inner.startIndex..., in: inner)
            if let match = pattern.firstMatch(in: inner, range: range) {
                let name = String(inner[Range(match.range(at: 2), in: inner)!])
                placeholder.list = ["入围名单", "shortlist"].contains(name) ? .shortlist : .results
                placeholder.year = [1, 3].compactMap { Range(match.range(at: $0), in: inner).flatMap { Int(inner[$0]) } }.first
            }
            found.append(placeholder)
        }
        return found
    }
}
