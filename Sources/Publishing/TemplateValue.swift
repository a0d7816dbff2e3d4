/// A view model as the templates see it: every stored property of an `Encodable` model, by
/// its name, and nothing else. Models are encoded once into this tree (the one way a field
/// reaches a template), so a field can never be dropped silently: a property exists in the
/// tree or the model does not have it, and `TemplateAudit` fails a test when a template names
/// a field no model gives.
///
/// A closed set of cases, so that rendering tells a value's kind by a switch rather than by
/// trying one dynamic cast after another.
enum TemplateValue: Sendable {
    case object(TemplateFields)
    case array([TemplateValue])
    case string(String)
    case bool(Bool)
    case int(Int)
    case double(Double)
    /// A field whose value is nil: present (so a lookup stops here rather than finding a field
    /// of the same name further out), empty when printed, false in a section.
    case null
}

/// An object's fields in the order the model encoded them. A view model has a dozen fields or
/// so: a name is found by comparing it with theirs (short names compare as two words) rather
/// than by hashing it, and a field is added by appending it. A name given twice is its last
/// value, as in a dictionary written field by field.
struct TemplateFields: Sendable, ExpressibleByDictionaryLiteral {
    private(set) var names: [String] = []
    private(set) var values: [TemplateValue] = []

    init() {}

    /// Room for `capacity` fields, made once: an encoded model's fields are appended one by one,
    /// and growing two arrays field by field reallocated each several times a page.
    init(capacity: Int) {
        names.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// About how many fields a view model has (the largest, an achievement page's, a few more).
    static let usualCount = 16

    init(dictionaryLiteral elements: (String, TemplateValue)...) {
        for (name, value) in elements { append(name, value) }
    }

    mutating func append(_ name: String, _ value: TemplateValue) {
        names.append(name)
        values.append(value)
    }

    subscript(name: String) -> TemplateValue? {
        guard let index = names.lastIndex(of: name) else { return nil }
        return values[index]
    }

    /// The fields with each name once, at its last place with its last value.
    var unique: (names: [String], values: [TemplateValue]) {
        let last = Dictionary(zip(names, names.indices), uniquingKeysWith: { _, later in later })
        guard last.count < names.count else { return (names, values) }
        let kept = names.indices.filter { last[names[$0]] == $0 }
        return (kept.map { names[$0] }, kept.map { values[$0] })
    }
}
