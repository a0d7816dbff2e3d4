import Foundation
import TextKeys

/// A document of the search index before its Markdown is made text, keyed by everything the
/// document is made from: a document whose key the output's fragment already has is neither
/// made again nor indexed again (`SearchShards`).
struct SearchSource: Sendable {
    /// The document; with Markdown, its `text` is what comes before the Markdown's text.
    var document: SearchIndex.Document
    var markdown: String?
    /// Between `document.text` and the Markdown's text.
    var separator: String
    /// The key of the document's inputs: `dataKey` (qcsite itself, which turns Markdown into
    /// text, the base address and site.yaml; not the theme), the document as given and the Markdown.
    let key: String

    /// `document` as published when `markdown` is nil; else its text is NFC of `document.text`,
    /// `separator` and the Markdown's text.
    init(_ document: SearchIndex.Document, markdown: String? = nil, separator: String = "", dataKey: String = "") {
        self.document = document
        self.markdown = markdown
        self.separator = separator
        var key = InputKey()
        key.add(dataKey)
        key.add(document.json)
        key.add(separator)
        key.add(Int64(markdown == nil ? 0 : 1))
        key.add(markdown ?? "")
        self.key = key.value
    }

    /// The document as it is searched and published.
    var finished: SearchIndex.Document {
        guard let markdown else { return document }
        var finished = document
        finished.text = TextNormalization.nfc(document.text + separator + Markdown.plainText(markdown))
        return finished
    }
}
