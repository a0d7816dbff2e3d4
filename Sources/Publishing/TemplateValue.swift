/// A view model as the templates see it: every stored property of an `Encodable` model, by
/// its name, and nothing else. Models are encoded once into this tree (the one way a field
/// reaches a template), so a field can never be dropped silently: a property exists in the
/// tree or the model does not have it, and `TemplateAudit` fails a test when a template names
/// a field no model gives.
///
/// A closed set of cases, so that rendering tells a value's kind by a switch rather than by
/// trying one dynamic cast after another.
enum TemplateValue: Sendable {
    case object([String: TemplateValue])
    case array([TemplateValue])
    case string(String)
    case bool(Bool)
    case int(Int)
    case double(Double)
    /// A field whose value is nil: present (so a lookup stops here rather than finding a field
    /// of the same name further out), empty when printed, false in a section.
    case null
}
