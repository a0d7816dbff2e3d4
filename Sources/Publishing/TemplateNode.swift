/// One piece of a parsed template.
indirect enum TemplateNode: Sendable {
    /// How values are escaped from here on (`{{%CONTENT_TYPE:TEXT}}`).
    enum ContentType: String, Sendable {
        case html = "HTML", text = "TEXT"
    }

    enum PartialName: Sendable {
        case named(String)
        /// `{{>*field}}`: the partial a field of the model names.
        case dynamic(String)
    }

    /// Text as it is, kept as UTF-8 so rendering copies bytes.
    case text([UInt8])
    case escaped(TemplatePath)
    case unescaped(TemplatePath)
    case section(TemplatePath, [TemplateNode])
    case invertedSection(TemplatePath, [TemplateNode])
    /// A partial, or a parent (`{{<name}}`) with the blocks it fills in.
    case partial(PartialName, indent: String?, blocks: [String: [TemplateNode]]?)
    /// A block (`{{$name}}default{{/name}}`) a parent's child may fill in.
    case block(String, default: [TemplateNode], indent: String?)
    /// A block's content inside a parent; only ever inside `partial`'s `blocks`.
    case blockDefinition(String, [TemplateNode])
    case contentType(ContentType)

    static func text(_ string: String) -> TemplateNode { .text(Array(string.utf8)) }
}

/// A name as a tag writes it, split once at parse time: `entry.title` is looked up as `entry`
/// (through the stack of enclosing objects) and then `title` inside it; `.` is the current
/// object; transforms (`empty(site.pages)`) apply innermost first.
struct TemplatePath: Sendable, Equatable {
    enum Start: Sendable, Equatable {
        /// The first part is looked for from the innermost object outwards.
        case stack
        /// `.` or a name starting with `.`: the innermost object only.
        case current
        /// An empty name with transforms (`{{#first()}}`): the position in the enclosing list.
        case sequence
    }

    let start: Start
    let parts: [String]
    /// Applied last to first, as written from the inside out.
    let transforms: [String]

    init(_ name: String, transforms: [String]) {
        self.transforms = transforms
        if name == "." {
            start = .current
            parts = []
        } else if name.isEmpty && !transforms.isEmpty {
            start = .sequence
            parts = []
        } else {
            start = name.first == "." ? .current : .stack
            parts = name.split(separator: ".").map(String.init)
        }
    }
}
