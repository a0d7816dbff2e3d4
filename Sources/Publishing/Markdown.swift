import CCmarkGFM

/// CommonMark to HTML through cmark-gfm's syntax tree, with GitHub's pipe tables. Raw HTML in the
/// source is replaced by a comment unless the caller allows it (notices and pages, when site.yaml
/// sets `markdown_raw_html: true`; never member write-ups); allowed raw HTML is still filtered.
public enum Markdown {
    public static func html(_ markdown: String, rawHTML: Bool = false) -> String {
        document(markdown, rawHTML: rawHTML).html(rawHTML: rawHTML)
    }

    /// The syntax tree with every step of the site applied, ready to be written as HTML.
    static func document(_ markdown: String, rawHTML: Bool) -> MarkdownDocument {
        let document = MarkdownDocument(markdown)
        CJKLineBreaks.join(in: document)
        PhoneLinks.add(to: document)
        refuseSchemes(in: document)
        if rawHTML { RawHTMLFilter.apply(to: document) }
        PipeTables.wrap(in: document)
        return document
    }

    /// The text of the Markdown without markup, for search and summaries.
    public static func plainText(_ markdown: String) -> String {
        let document = MarkdownDocument(markdown)
        CJKLineBreaks.join(in: document)
        var text = ""
        document.walk { node, entering in
            let type = MarkdownDocument.type(node)
            if entering, type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += MarkdownDocument.literal(node)
            } else if entering, type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            } else if !entering, type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM {
                text += "\n"
            } else if !entering {
                switch MarkdownDocument.typeName(node) {
                case "table_cell": text += " "
                case "table_row", "table_header": text += "\n"
                default: break
                }
            }
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Links and images whose address has a refused scheme (`javascript:` …) lose the address, as
    /// cmark's safe mode does; here also where raw HTML is allowed, which turns safe mode off.
    static func refuseSchemes(in document: MarkdownDocument) {
        let links = document.nodes { let type = MarkdownDocument.type($0); return type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE }
        for link in links where URLSchemes.isRefused(MarkdownDocument.url(link)) {
            cmark_node_set_url(link, "")
        }
    }
}

import Foundation
