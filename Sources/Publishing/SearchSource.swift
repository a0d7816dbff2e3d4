import Foundation
import TextKeys
import Disclosure

/// A document of the search index before its Markdown is made text, keyed by everything the
/// document is made from: a document whose key the output's fragment already has is neither
/// made again nor indexed again (`SearchShards`).
struct SearchSource: Sendable {
    /// The document; with Markdown, its `text` is what comes before the Markdown's text.
    var document: SearchIndex.Document
    /// The Markdown whose text ends the document's: given, or an achievement's write-up, read
    /// from the archive only when the document is made.
    var body: Body?
    /// Between `document.text` and the Markdown's text.
    var separator: String
    /// The key of the document's inputs: `dataKey` (qcsite itself, which turns Markdown into
    /// text, the base address and site.yaml; not the theme), the document as given and the
    /// Markdown (a write-up's by its digest).
    let key: String

    enum Body: Sendable {
        case markdown(String)
        case writeup(PublicWriteup)
    }

    /// `document` as published when `markdown` is nil; else its text is NFC of `document.text`,
    /// `separator` and the Markdown's text.
    init(_ document: SearchIndex.Document, markdown: String? = nil, separator: String = "", dataKey: String = "") {
        self.init(document, body: markdown.map(Body.markdown), separator: separator, dataKey: dataKey)
    }

    /// An achievement's document, with its write-up's text when it has one.
    init(_ document: SearchIndex.Document, writeup: PublicWriteup?, separator: String, dataKey: String) {
        self.init(document, body: writeup.map(Body.writeup), separator: separator, dataKey: dataKey)
    }

    private init(_ document: SearchIndex.Document, body: Body?, separator: String, dataKey: String) {
        self.document = document
        self.body = body
        self.separator = separator
        var key = InputKey()
        key.add(dataKey)
        key.add(document.json)
        key.add(separator)
        switch body {
        case nil: key.add(Int64(0))
        case .markdown(let markdown):
            key.add(Int64(1))
            key.add(markdown)
        case .writeup(let writeup):
            key.add(Int64(2))
            key.add(writeup.digest)
        }
        self.key = key.value
    }

    /// The document as it is searched and published (a write-up's text read for it).
    func finished() throws -> SearchIndex.Document {
        let markdown: String
        switch body {
        case nil: return document
        case .markdown(let text): markdown = text
        case .writeup(let writeup): markdown = try writeup.markdown()
        }
        var finished = document
        finished.text = TextNormalization.nfc(document.text + separator + Markdown.plainText(markdown))
        return finished
    }
}
