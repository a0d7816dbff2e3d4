import CCmarkGFM

/// Pipe tables (`| a | b |` over `| --- | --- |`) are parsed by cmark-gfm's table extension, so
/// their cells are Markdown like any other text. Each table is set in a box that scrolls
/// sideways on a narrow screen instead of widening the page.
enum PipeTables {
    static func wrap(in document: MarkdownDocument) {
        for table in document.nodes(where: { MarkdownDocument.isExtensionNode($0) && MarkdownDocument.typeName($0) == "table" }) {
            // A custom block writes its opening and closing text as they are, in safe mode too.
            guard let box = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(box, "<div class=\"table-scroll\">")
            cmark_node_set_on_exit(box, "</div>")
            cmark_node_insert_before(table, box)
            cmark_node_append_child(box, table)
        }
    }
}
