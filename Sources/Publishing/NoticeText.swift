import CCmarkGFM
import Foundation
import TextKeys

/// A notice's Markdown laid out as an official document (公文): the body, then the attachments,
/// then the 落款 — the issuing bodies and the date, set right. The 落款 is the notice's last
/// lines when the very last is a date (`2024年8月15日`); the attachments are the notice's
/// downloads, which take the place of its own `## 附件` list so that 附件 appears once.
struct NoticeText: Encodable {
    struct Signature: Encodable {
        var issuers: [String]
        /// `2024年8月15日`, as the notice writes it.
        var date: String
        /// `2024-08-15`, for `<time datetime>`.
        var isoDate: String
    }

    var body: String
    /// What the notice's own 附件 section says beside its list (HTML), shown above the downloads.
    var attachmentNote: String
    var signature: Signature?

    /// - Parameter hasDownloads: whether the notice lists files in its front matter; only then is
    ///   its 附件 section taken out of the body, to be replaced by the downloads.
    static func render(_ markdown: String, rawHTML: Bool, hasDownloads: Bool) -> NoticeText {
        let document = Markdown.document(markdown, rawHTML: rawHTML)
        let signature = takeSignature(document)
        var note = ""
        if hasDownloads, let section = takeAttachmentSection(document) {
            note = document.html(of: section, rawHTML: rawHTML)
            cmark_node_free(section)
        }
        return NoticeText(body: document.html(rawHTML: rawHTML), attachmentNote: note, signature: signature)
    }

    static let datePattern = try! NSRegularExpression(pattern: #"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$"#)

    /// Takes the date line and the issuers' line above it out of the tree.
    static func takeSignature(_ document: MarkdownDocument) -> Signature? {
        guard let last = cmark_node_last_child(document.root), MarkdownDocument.type(last) == CMARK_NODE_PARAGRAPH else { return nil }
        var lines = MarkdownDocument.inlineText(last).split(separator: "\n").map { TextNormalization.trimmed(String($0)) }
        guard let dateLine = lines.popLast(), let isoDate = isoDate(dateLine) else { return nil }
        var issuerLine = lines.joined(separator: "　")
        var removed = [last]
        if lines.isEmpty, let previous = cmark_node_previous(last), MarkdownDocument.type(previous) == CMARK_NODE_PARAGRAPH,
           isIssuerLine(MarkdownDocument.inlineText(previous)) {
            issuerLine = MarkdownDocument.inlineText(previous)
            removed.append(previous)
        } else if !lines.isEmpty, !isIssuerLine(issuerLine) {
            return nil
        }
        for node in removed {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        let issuers = issuerLine.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        return Signature(issuers: issuers, date: dateLine, isoDate: isoDate)
    }

    /// Names of issuing bodies, side by side: short, one line, no sentence punctuation.
    static func isIssuerLine(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 80 && !text.contains("\n") && !text.contains { "。，：；！？、,:;".contains($0) }
    }

    static func isoDate(_ line: String) -> String? {
        guard let match = datePattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) else { return nil }
        let parts = (1...3).map { Int(line[Range(match.range(at: $0), in: line)!])! }
        guard (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        return String(format: "%04d-%02d-%02d", parts[0], parts[1], parts[2])
    }

    /// Takes the `附件` heading and the blocks under it out of the tree; returns a document of those
    /// that are not its list of attachments (the downloads replace that list), for the caller to
    /// free. (cmark renders a block only inside a document.)
    static func takeAttachmentSection(_ document: MarkdownDocument) -> OpaquePointer? {
        var child = cmark_node_first_child(document.root)
        while let heading = child {
            child = cmark_node_next(heading)
            guard MarkdownDocument.type(heading) == CMARK_NODE_HEADING,
                  isAttachmentsTitle(MarkdownDocument.inlineText(heading)) else { continue }
            let level = cmark_node_get_heading_level(heading)
            let section = cmark_node_new(CMARK_NODE_DOCUMENT)!
            while let block = child {
                if MarkdownDocument.type(block) == CMARK_NODE_HEADING, cmark_node_get_heading_level(block) <= level { break }
                child = cmark_node_next(block)
                cmark_node_unlink(block)
                if MarkdownDocument.type(block) == CMARK_NODE_LIST { cmark_node_free(block) } else { cmark_node_append_child(section, block) }
            }
            cmark_node_unlink(heading)
            cmark_node_free(heading)
            return section
        }
        return nil
    }

    static func isAttachmentsTitle(_ text: String) -> Bool {
        ["附件", "附件：", "附件:"].contains(TextNormalization.trimmed(text))
    }
}
