import Mustache

/// A view model as the templates see it: every stored property of an `Encodable` model, by
/// its name, and nothing else. Models are encoded once into this tree (the one way a field
/// reaches a template), so a field can never be dropped silently: a property exists in the
/// tree or the model does not have it, and `TemplateAudit` fails a test when a template names
/// a field no model gives.
struct TemplateObject: MustacheParent, @unchecked Sendable {
    let fields: [String: Any]
    /// The page's own object, the last a name is looked up in.
    var isRoot = false

    func child(named name: String) -> Any? {
        if let value = fields[name] { return value }
        if isRoot { TemplateAudit.missed(name) }
        return nil
    }
}

/// A field whose value is nil: present (so a lookup stops here rather than finding a field of
/// the same name further out), empty when printed, false in a section.
struct TemplateNull: MustacheCustomRenderable, Sendable {
    var renderText: String { "" }
    var isNull: Bool { true }
}
