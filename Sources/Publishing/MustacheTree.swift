import Mustache

extension TemplateValue {
    /// The value as swift-mustache reads it, for a template `TemplateRenderer` does not render.
    /// Objects keep their fields' order (`mapValues` keeps a dictionary's layout), so even an
    /// object printed whole reads as it would from the same tree in the other renderer.
    func mustacheTree(isRoot: Bool = false) -> Any {
        switch self {
        case .object(let fields): TemplateObject(fields: fields.mapValues { $0.mustacheTree() }, isRoot: isRoot)
        case .array(let items): items.map { $0.mustacheTree() }
        case .string(let string): string
        case .bool(let bool): bool
        case .int(let int): int
        case .double(let double): double
        case .null: TemplateNull()
        }
    }
}

/// An object of the model for swift-mustache: its fields by name.
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

/// `TemplateValue.null` for swift-mustache: empty when printed, false in a section.
struct TemplateNull: MustacheCustomRenderable, Sendable {
    var renderText: String { "" }
    var isNull: Bool { true }
}
