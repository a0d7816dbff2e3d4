import CCmarkGFM
import TextKeys

/// CommonMark to HTML through cmark-gfm's syntax tree, with GitHub's pipe tables. Raw HTML in the
/// source is replaced by a comment unless the caller allows it (notices and pages, when site.yaml
/// sets `markdown_raw_html: true`; never member write-ups); allowed raw HTML is still filtered.
public enum Markdown {
    public static func html(_ markdown: String, rawHTML: Bool = false) -> String {
        document(markdown, rawHTML: rawHTML).html(rawHTML: rawHTML)
    }

    /// The HTML and the plain text of one parse, for a page that shows both (a write-up and its
    /// excerpt as the page's description).
    static func convert(_ markdown: String, rawHTML: Bool) -> (html: String, text: String) {
        let document = MarkdownDocument(markdown)
        CJKLineBreaks.join(in: document)
        let text = plainText(of: document)
        prepare(document, rawHTML: rawHTML)
        return (document.html(rawHTML: rawHTML), text)
    }

    /// The syntax tree with every step of the site applied, ready to be written as HTML.
    static func document(_ markdown: String, rawHTML: Bool) -> MarkdownDocument {
        let document = MarkdownDocument(markdown)
        CJKLineBreaks.join(in: document)
        prepare(document, rawHTML: rawHTML)
        return document
    }

    /// The steps after line breaks are joined: telephone links, refused schemes, raw HTML
    /// filtered, tables boxed.
    private static func prepare(_ document: MarkdownDocument, rawHTML: Bool) {
        PhoneLinks.add(to: document)
        refuseSchemes(in: document)
        if rawHTML { RawHTMLFilter.apply(to: document) }
        PipeTables.wrap(in: document)
    }

    /// The text of the Markdown without markup, for search and summaries.
    public static func plainText(_ markdown: String) -> String {
        let document = MarkdownDocument(markdown)
        CJKLineBreaks.join(in: document)
        return plainText(of: document)
    }

    private static func plainText(of document: MarkdownDocument) -> String {
        var text = ""
        document.walk { node, entering in
            let type = MarkdownDocument.type(node)
            if entering, type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += MarkdownDocument.literal(node)
            } else if entering, type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            } else if !entering, type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM {
                text += "\n"
            } else if !entering, MarkdownDocument.isExtensionNode(node) {
                switch MarkdownDocument.typeName(node) {
                case "table_cell": text += " "
                case "table_row", "table_header": text += "\n"
                default: break
                }
            }
        }
        return TextNormalization.trimmedLines(text)
    }

    /// The first `length` characters of a text on one line, with an ellipsis when cut.
    static func excerpt(ofText text: String, length: Int) -> String {
        if let excerpt = excerptOfLoneScalars(text, length: length) { return excerpt }
        // Every LF scalar, as Foundation's replace did through NSString (which also kept a line
        // break followed by a combining mark, a case plain text from cmark does not have).
        func line(_ scalars: Substring.UnicodeScalarView) -> String {
            String(String.UnicodeScalarView(scalars.map { $0 == "\n" ? " " : $0 }))
        }
        // A write-up is thousands of characters and its excerpt a hundred: the line is made of
        // a prefix of the text, longer each round. Of the characters of a prefix, only the last
        // can end differently in the whole text (a character's end depends on the scalars
        // around it), so a prefix of more than `length + 1` characters decides the cut.
        var scalars = 2 * length + 16
        while true {
            let prefix = text.unicodeScalars.prefix(scalars)
            let part = line(prefix)
            if prefix.endIndex == text.unicodeScalars.endIndex {
                return part.count > length ? String(part.prefix(length)) + "…" : part
            }
            if part.count > length + 1 { return String(part.prefix(length)) + "…" }
            scalars *= 2
        }
    }

    /// The excerpt of a text whose first `length + 1` scalars are each a character alone, whatever
    /// stands beside them (most Chinese write-ups): cut by counting scalars, without finding
    /// where characters end. Nil when a scalar that could join its neighbours comes first.
    private static func excerptOfLoneScalars(_ text: String, length: Int) -> String? {
        // The cut found by scalars, the line made from the text's bytes up to it (a scalar view
        // appended to a scalar at a time was a tenth of an achievement page).
        let scalars = text.unicodeScalars
        var (end, count, cut) = (scalars.startIndex, 0, false)
        while end != scalars.endIndex {
            guard standsAlone(scalars[end].value) else { return nil }
            if count == length {
                cut = true
                break
            }
            count += 1
            end = scalars.index(after: end)
        }
        var line = Array(text.utf8[..<end])
        for index in line.indices where line[index] == UInt8(ascii: "\n") { line[index] = UInt8(ascii: " ") }
        return String(decoding: line, as: UTF8.self) + (cut ? "…" : "")
    }

    /// Scalars whose grapheme break property never joins them to a neighbour (Other, Control or
    /// LF, and none of the neighbours CR): printable ASCII and LF, Latin-1, general punctuation
    /// before the line separators and after the bidi controls, CJK symbols and punctuation but
    /// the tone marks (Extend), CJK ideographs and their extension A, full-width forms.
    private static func standsAlone(_ value: UInt32) -> Bool {
        switch value {
        case 0x0A, 0x20...0x7E, 0xA0...0xFF, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3029, 0x3030...0x303F,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF60: true
        default: false
        }
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
