import Mustache

extension TemplateValue {
    /// The value as swift-mustache reads it, for a template `TemplateRenderer` does not render.
    /// Both renderers print an object whole (a theme's mistake) from this tree, so it reads
    /// alike in both.
    func mustacheTree(isRoot: Bool = false) -> Any {
        switch self {
        case .object(let fields):
            let unique = fields.unique
            return TemplateObject(fields: .init(names: unique.names, values: unique.values.map { $0.mustacheTree() }), isRoot: isRoot)
        case .array(let items): return items.map { $0.mustacheTree() }
        case .string(let string): return string
        case .bool(let bool): return bool
        case .int(let int): return int
        case .double(let double): return double
        case .null: return TemplateNull()
        }
    }
}

/// An object of the model for swift-mustache: its fields by name.
struct TemplateObject: MustacheParent, @unchecked Sendable {
    let fields: Fields
    /// The page's own object, the last a name is looked up in.
    var isRoot = false

    func child(named name: String) -> Any? {
        if let index = fields.names.firstIndex(of: name) { return fields.values[index] }
        if isRoot { TemplateAudit.missed(name) }
        return nil
    }

    /// The fields in the model's order, each name once, printed as a dictionary prints: an
    /// object printed whole reads the same on every run (a dictionary's order changes with the
    /// process).
    struct Fields: CustomStringConvertible, CustomDebugStringConvertible {
        let names: [String]
        let values: [Any]

        var description: String {
            names.isEmpty ? "[:]"
                : "[" + zip(names, values).map { "\(String(reflecting: $0)): \(String(reflecting: $1))" }.joined(separator: ", ") + "]"
        }

        var debugDescription: String { description }
    }
}

/// `TemplateValue.null` for swift-mustache: empty when printed, false in a section.
struct TemplateNull: MustacheCustomRenderable, Sendable {
    var renderText: String { "" }
    var isNull: Bool { true }
}
