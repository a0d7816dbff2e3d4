/// One piece of a template compiled by `TemplateParser`, as `TemplateRenderer` renders it.
///
/// The pieces are swift-mustache's tokens, one for one: text is never joined across a line
/// (a partial's indentation is added where a piece starts on a new line, so where pieces
/// begin is part of the output).
enum TemplateNode: Sendable {
    /// One line's text, or the text before a tag.
    case text([UInt8])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}`.
    case value(TemplatePath, escaped: Bool)
    /// `{{#name}}…{{/name}}`.
    case section(TemplatePath, [TemplateNode])
    /// `{{^name}}…{{/name}}`.
    case invertedSection(TemplatePath, [TemplateNode])
    /// `{{$name}}default{{/name}}`, which a template inheriting this one may replace.
    case block(String, default: [TemplateNode], indentation: [UInt8])
    /// `{{> name}}`, or `{{< name}}` with the blocks it replaces.
    case partial(String, indentation: [UInt8], overrides: [String: [TemplateNode]])
}

/// A name of a tag, split at its dots once when the template is compiled.
struct TemplatePath: Sendable {
    /// The dotted parts, empty ones left out; none for `.`, the current value.
    let names: [String]
    /// `.name`: looked up in the current value only, not in the values around it.
    let inCurrent: Bool
    /// How many times the name is wrapped in `empty(…)`.
    let emptyChecks: Int

    init(_ name: String, emptyChecks: Int) {
        names = name.split(separator: ".").map(String.init)
        inCurrent = name.first == "."
        self.emptyChecks = emptyChecks
    }
}
