import CCmarkGFM

/// A line break inside a Markdown paragraph is a space in HTML, which is right between two
/// English words and wrong between two Chinese characters ("联合主办，\n每年" must read
/// "联合主办，每年"). Such soft breaks are taken out of the syntax tree, as CSS Text's segment
/// break rules would do: between two wide (East Asian) characters that are not Hangul.
enum CJKLineBreaks {
    static func join(in document: MarkdownDocument) {
        let breaks = document.nodes { MarkdownDocument.type($0) == CMARK_NODE_SOFTBREAK }
        for node in breaks {
            guard let before = lastCharacter(before: node), let after = firstCharacter(after: node),
                  isWide(before), isWide(after) else { continue }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    /// The character that ends the inline content just before `node`, looking into emphasis and links.
    static func lastCharacter(before node: OpaquePointer) -> Unicode.Scalar? {
        var current: OpaquePointer? = node
        while let at = current {
            if let previous = cmark_node_previous(at) { return lastCharacter(in: previous) }
            guard let parent = cmark_node_parent(at), isInlineContainer(parent) else { return nil }
            current = parent
        }
        return nil
    }

    static func firstCharacter(after node: OpaquePointer) -> Unicode.Scalar? {
        var current: OpaquePointer? = node
        while let at = current {
            if let next = cmark_node_next(at) { return firstCharacter(in: next) }
            guard let parent = cmark_node_parent(at), isInlineContainer(parent) else { return nil }
            current = parent
        }
        return nil
    }

    private static func lastCharacter(in node: OpaquePointer) -> Unicode.Scalar? {
        let type = MarkdownDocument.type(node)
        if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE { return MarkdownDocument.literal(node).unicodeScalars.last }
        if isInlineContainer(node), let child = cmark_node_last_child(node) { return lastCharacter(in: child) }
        return nil
    }

    private static func firstCharacter(in node: OpaquePointer) -> Unicode.Scalar? {
        let type = MarkdownDocument.type(node)
        if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE { return MarkdownDocument.literal(node).unicodeScalars.first }
        if isInlineContainer(node), let child = cmark_node_first_child(node) { return firstCharacter(in: child) }
        return nil
    }

    private static func isInlineContainer(_ node: OpaquePointer) -> Bool {
        let type = MarkdownDocument.type(node)
        return type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG || type == CMARK_NODE_LINK
    }

    /// East Asian wide and fullwidth characters: ideographs, kana, CJK and fullwidth punctuation.
    /// Hangul is left out, since Korean separates words with spaces.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x303E,    // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
             0x3041...0x312F,    // hiragana, katakana, bopomofo
             0x3190...0x33FF,    // kanbun, CJK strokes, katakana extension, enclosed CJK, CJK compatibility
             0x3400...0x4DBF,    // extension A
             0x4E00...0x9FFF,    // unified ideographs
             0xA000...0xA4CF,    // Yi
             0xF900...0xFAFF,    // compatibility ideographs
             0xFE10...0xFE19, 0xFE30...0xFE6F,  // vertical forms, CJK compatibility forms, small forms
             0xFF01...0xFF60, 0xFFE0...0xFFE6,  // fullwidth forms
             0x20000...0x3FFFD:  // supplementary ideographic planes
            return true
        default:
            return false
        }
    }
}
