/// A view model as the templates see it: every stored property of an `Encodable` model, by its
/// name, and nothing else. Models are encoded once into this tree (the one way a field reaches a
/// template), so a field can never be dropped silently: a property exists in the tree or the
/// model does not have it, and `TemplateAudit` fails a test when a template names a field no
/// model gives.
enum TemplateValue: Sendable {
    /// A field whose value is nil: present (so a lookup stops here rather than finding a field
    /// of the same name further out), empty when printed, false in a section.
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([TemplateValue])
    case object(TemplateObject)
    /// Markdown turned into HTML or an excerpt only when a page is rendered (`MarkdownText`).
    case markdown(MarkdownText)
}

/// An object of the tree: its fields in the order the model encodes them.
struct TemplateObject: Sendable {
    let fields: [(name: String, value: TemplateValue)]
    /// The page's own object, the last a name is looked up in.
    var isRoot = false

    func child(named name: String) -> TemplateValue? {
        for field in fields where field.name == name { return field.value }
        if isRoot { TemplateAudit.missed(name) }
        return nil
    }
}
