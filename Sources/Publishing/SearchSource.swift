import Foundation
import TextKeys
import Disclosure

/// A document of the search index before its Markdown is made text, keyed by everything the
/// document is made from: a document whose key the output's fragment already has is neither
/// made again nor indexed again (`SearchShards`).
struct SearchSource: Sendable {
    /// The document, or what an achievement's is made from (made only when asked for: a
    /// rebuild makes those of the few achievements whose keys changed).
    private let head: Head
    /// The Markdown whose text ends the document's: given, or an achievement's write-up, read
    /// from the archive only when the document is made.
    var body: Body?
    /// Between `document.text` and the Markdown's text.
    var separator: String
    /// The key of the document's inputs: `dataKey` (qcsite itself, which turns Markdown into
    /// text, the base address and site.yaml; not the theme), the document as given (an
    /// achievement's by what it is made from) and the Markdown (a write-up's by its digest).
    let key: String

    enum Body: Sendable {
        case markdown(String)
        /// A write-up, and where its page may have left its text (`ConvertedWriteups`).
        case writeup(PublicWriteup, ConvertedWriteups)
    }

    private enum Head: Sendable {
        case document(SearchIndex.Document)
        case achievement(AchievementDocument)
    }

    /// `document` as published when `markdown` is nil; else its text is NFC of `document.text`,
    /// `separator` and the Markdown's text.
    init(_ document: SearchIndex.Document, markdown: String? = nil, separator: String = "", dataKey: String = "") {
        self.init(.document(document), body: markdown.map(Body.markdown), separator: separator, dataKey: dataKey)
    }

    /// An achievement's document, with its write-up's text when it has one.
    init(_ achievement: AchievementDocument, writeup: PublicWriteup?, converted: ConvertedWriteups,
         separator: String, dataKey: String) {
        self.init(.achievement(achievement), body: writeup.map { .writeup($0, converted) }, separator: separator, dataKey: dataKey)
    }

    private init(_ head: Head, body: Body?, separator: String, dataKey: String) {
        self.head = head
        self.body = body
        self.separator = separator
        var key = InputKey()
        key.add(dataKey)
        switch head {
        case .document(let document):
            key.add(Int64(0))
            key.add(document.json)
        case .achievement(let achievement):
            key.add(Int64(1))
            achievement.add(to: &key)
        }
        key.add(separator)
        switch body {
        case nil: key.add(Int64(0))
        case .markdown(let markdown):
            key.add(Int64(1))
            key.add(markdown)
        case .writeup(let writeup, _):
            key.add(Int64(2))
            key.add(writeup.digest)
        }
        self.key = key.value
    }

    /// The document before its Markdown's text is added.
    var document: SearchIndex.Document {
        switch head {
        case .document(let document): document
        case .achievement(let achievement): achievement.document
        }
    }

    /// The name the title check gives an achievement's document (`TitleCheck.name(year:id:)`);
    /// nil for any other.
    var achievementKey: String? {
        switch head {
        case .document(let document): TitleCheck.name(of: document)
        case .achievement(let achievement): TitleCheck.name(year: achievement.year, id: achievement.id)
        }
    }

    /// The document as it is searched and published (a write-up's text read for it).
    func finished() throws -> SearchIndex.Document {
        let text: String
        switch body {
        case nil: return document
        case .markdown(let markdown): text = Markdown.plainText(markdown)
        case .writeup(let writeup, let converted): text = try converted.forSearch(writeup)
        }
        var finished = document
        finished.text = TextNormalization.nfc(finished.text + separator + text)
        return finished
    }
}

/// What an achievement's search document is made from, all of it in its key: a rebuild keys
/// ten thousand of them and makes the document (its text normalised, its JSON written) of only
/// those whose key changed.
struct AchievementDocument: Sendable {
    static let kind = "成果"
    var year: Int
    var id: String
    var title: String
    var enterprise: String
    var group: String
    /// The award, or 入围 for a shortlisted entry, and its badge class.
    var award: String?
    var awardClass: String?
    var url: String
    /// The enterprise's other names, space-separated.
    var aliases: String
    /// Whether a write-up's text follows (the aliases are then normalised with it).
    var hasWriteup: Bool

    func add(to key: inout InputKey) {
        key.add(Int64(year))
        for text in [id, title, enterprise, group, award ?? "", awardClass ?? "", url, aliases] { key.add(text) }
        key.add(Int64((award == nil ? 0 : 1) | (awardClass == nil ? 0 : 2) | (hasWriteup ? 4 : 0)))
    }

    var document: SearchIndex.Document {
        let nfc = TextNormalization.nfc
        return SearchIndex.Document(kind: Self.kind, url: url, title: nfc(title), snippet: nfc("\(enterprise) · \(group)"), year: year,
                                    award: award, awardClass: awardClass, id: nfc(id), text: hasWriteup ? aliases : nfc(aliases))
    }
}
