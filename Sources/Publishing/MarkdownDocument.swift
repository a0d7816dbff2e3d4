import CCmarkGFM
import Foundation

/// A Markdown text parsed into cmark-gfm's syntax tree, with GitHub's table and tagfilter
/// extensions attached. The render steps change the tree in place before it is written as HTML;
/// the tree and its parser are freed with the document.
final class MarkdownDocument {
    private let parser: OpaquePointer
    let root: OpaquePointer

    /// cmark-gfm keeps its extensions in a process-wide registry that must be filled once,
    /// before any parser looks one up; a static is initialised exactly once, even across threads.
    private static let extensionsRegistered: Void = cmark_gfm_core_extensions_ensure_registered()

    /// While it parses, cmark-gfm marks the special characters of the extensions that match
    /// inline syntax (strikethrough's `~`, autolink's `:`) in a table shared by every parser, and
    /// unmarks them when done: two parses at once could read each other's marks. The table and
    /// tagfilter extensions attached here match none (cmark-gfm's `table.c` declares no such
    /// character), so no mark is set today; the lock keeps an extension attached later from
    /// breaking that unnoticed. (Parsing on both cores without it measured no gain.)
    private static let parsing = NSLock()

    init(_ text: String) {
        _ = Self.extensionsRegistered
        (parser, root) = Self.parsing.withLock {
            let parser = cmark_parser_new(CMARK_OPT_VALIDATE_UTF8)!
            for name in ["table", "tagfilter"] {
                if let syntax = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntax) }
            }
            cmark_parser_feed(parser, text, text.utf8.count)
            return (parser, cmark_parser_finish(parser)!)
        }
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// HTML of the tree. Without `rawHTML`, raw HTML in the source becomes a comment. Table cell
    /// alignment is written as `style`, since `align` is obsolete in HTML.
    func html(rawHTML: Bool) -> String {
        html(of: root, rawHTML: rawHTML)
    }

    /// HTML of a document node: the tree's root, or one built of blocks taken out of it.
    func html(of node: OpaquePointer, rawHTML: Bool) -> String {
        let options = CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | (rawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_SAFE)
        guard let output = cmark_render_html(node, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(output) }
        return String(cString: output)
    }

    /// Calls `visit` on entering and on leaving every node, in document order; the tree must not
    /// change meanwhile.
    func walk(_ visit: (_ node: OpaquePointer, _ entering: Bool) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if let node = cmark_iter_get_node(iterator) { visit(node, event == CMARK_EVENT_ENTER) }
        }
    }

    /// The nodes that match, in document order: collected first, so a step may change the tree
    /// while it goes through the list.
    func nodes(where matches: (OpaquePointer) -> Bool) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        walk { node, entering in if entering, matches(node) { found.append(node) } }
        return found
    }

    static func type(_ node: OpaquePointer) -> cmark_node_type { cmark_node_get_type(node) }

    /// Whether the node is one of an extension's (a table's): only those need `typeName`, which
    /// builds a string for every node it is asked about.
    static func isExtensionNode(_ node: OpaquePointer) -> Bool {
        cmark_node_get_syntax_extension(node) != nil
    }

    /// `table`, `paragraph`, …: extension nodes are told apart by this name only.
    static func typeName(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    static func url(_ node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    /// The text of a node's inline content, without markup.
    static func inlineText(_ node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let at = child {
            let type = MarkdownDocument.type(at)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE { text += literal(at) }
            else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK { text += "\n" }
            else { text += inlineText(at) }
            child = cmark_node_next(at)
        }
        return text
    }

    /// A new text node, to be placed in the tree (which then owns it).
    static func text(_ literal: String) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(node, literal)
        return node
    }
}
