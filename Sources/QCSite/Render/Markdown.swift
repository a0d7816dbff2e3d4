import CCmark

/// CommonMark to HTML through libcmark. Raw HTML in the source is replaced by a comment
/// unless the site turns it on (`markdown_raw_html: true`). Pipe tables become tables.
public enum Markdown {
    public static func html(_ markdown: String, rawHTML: Bool = false) -> String {
        let options = CMARK_OPT_VALIDATE_UTF8 | (rawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_SAFE)
        let length = markdown.utf8.count
        guard let output = cmark_markdown_to_html(markdown, length, options) else { return "" }
        defer { free(output) }
        return PipeTables.apply(String(cString: output))
    }

    /// The text of the Markdown without markup, for search and summaries.
    public static func plainText(_ markdown: String) -> String {
        let length = markdown.utf8.count
        guard let document = cmark_parse_document(markdown, length, CMARK_OPT_VALIDATE_UTF8) else { return "" }
        defer { cmark_node_free(document) }
        var text = ""
        guard let iterator = cmark_iter_new(document) else { return "" }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER, type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE,
               let literal = cmark_node_get_literal(node) {
                text += String(cString: literal)
            } else if event == CMARK_EVENT_EXIT, type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM {
                text += "\n"
            } else if event == CMARK_EVENT_ENTER, type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

import Foundation
