import Foundation

/// Markdown a page shows, converted only when the page is rendered: a rebuild compares a page
/// with the last one by its model, which carries the Markdown's source, so a page whose
/// write-up did not change costs no conversion. The HTML and the excerpt of one source share
/// one conversion.
final class MarkdownText: Sendable {
    enum Form: Sendable {
        /// The HTML, or nil (a field that is there but empty) when the Markdown holds no text.
        case html
        /// The first `length` characters of the text on one line, or `fallback` without text.
        case excerpt(length: Int, fallback: String)
    }

    let source: MarkdownSource
    let form: Form

    init(_ source: MarkdownSource, _ form: Form) {
        self.source = source
        self.form = form
    }

    /// The value as a template prints it.
    var value: TemplateValue {
        let converted = source.converted
        switch form {
        case .html:
            return converted.text.isEmpty ? .null : .string(converted.html)
        case .excerpt(let length, let fallback):
            return .string(converted.text.isEmpty ? fallback : Markdown.excerpt(ofText: converted.text, length: length))
        }
    }
}

/// A Markdown text and how it may be converted; converted once, on first use, by whichever
/// page's rendering asks first.
final class MarkdownSource: @unchecked Sendable {
    let markdown: String
    /// Raw HTML allowed (notices and pages when site.yaml says so; never write-ups).
    let rawHTML: Bool
    private let lock = NSLock()
    private var cache: (html: String, text: String)?

    init(_ markdown: String, rawHTML: Bool) {
        self.markdown = markdown
        self.rawHTML = rawHTML
    }

    var converted: (html: String, text: String) {
        lock.withLock {
            if let cache { return cache }
            let result = Markdown.convert(markdown, rawHTML: rawHTML)
            cache = result
            return result
        }
    }
}
