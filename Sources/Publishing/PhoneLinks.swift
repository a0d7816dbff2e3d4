import CCmarkGFM
import Foundation

/// Telephone numbers in Markdown text become `tel:` links, so a visitor on a phone can tap to
/// call. The layout turns the browsers' own number guessing off, since it takes 编号 and dates
/// for telephone numbers; these links are the numbers that are meant.
enum PhoneLinks {
    /// A landline with its area code (`0351-0000000`), a mobile number (`13912345678`) or a
    /// 400 service number, standing alone: not part of a longer run of digits or hyphens.
    static let pattern = try! NSRegularExpression(
        pattern: #"(?<![0-9A-Za-z-])(?:0[1-9][0-9]{1,2}-[0-9]{7,8}|1[3-9][0-9]{9}|400-?[0-9]{3}-?[0-9]{4})(?![0-9-])"#)

    static func add(to document: MarkdownDocument) {
        let texts = document.nodes { MarkdownDocument.type($0) == CMARK_NODE_TEXT && !isInsideLink($0) }
        for node in texts {
            let text = MarkdownDocument.literal(node)
            let numbers = numbers(in: text)
            guard !numbers.isEmpty else { continue }
            var last = text.startIndex
            for range in numbers {
                if last < range.lowerBound { cmark_node_insert_before(node, MarkdownDocument.text(String(text[last..<range.lowerBound]))) }
                cmark_node_insert_before(node, link(String(text[range])))
                last = range.upperBound
            }
            if last < text.endIndex { cmark_node_insert_before(node, MarkdownDocument.text(String(text[last...]))) }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    static func numbers(in text: String) -> [Range<String.Index>] {
        guard mayHoldNumber(text) else { return [] }
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text) }
    }

    /// Whether a run of ASCII digits and hyphens holds ten digits or more, as every number the
    /// pattern takes does. Most texts have none, and skip the regular expression (run on every
    /// text of every write-up), even those with many dates and figures.
    static func mayHoldNumber(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var digits = 0
            for byte in bytes {
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    digits += 1
                    if digits == 10 { return true }
                } else if byte != UInt8(ascii: "-") {
                    digits = 0
                }
            }
            return false
        }
    }

    /// `tel:` with the digits alone, which every dialer reads.
    static func link(_ number: String) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_LINK)!
        cmark_node_set_url(node, "tel:" + number.filter(\.isNumber))
        cmark_node_append_child(node, MarkdownDocument.text(number))
        return node
    }

    private static func isInsideLink(_ node: OpaquePointer) -> Bool {
        var parent = cmark_node_parent(node)
        while let at = parent {
            let type = MarkdownDocument.type(at)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { return true }
            parent = cmark_node_parent(at)
        }
        return false
    }
}
