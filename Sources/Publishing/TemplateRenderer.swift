/// Renders compiled templates (`TemplateNode`) over a `TemplateValue` tree into the bytes
/// swift-mustache 2.1 (`Template+Render.swift`) would give for the same tree: the same lookup
/// up the stack of values, the same truth of a value in a section, the same printing, and the
/// same indentation of partials and blocks — added where a piece of a template begins and what
/// the same render wrote so far ends a line.
///
/// Each value's kind is told by a switch, a name's dots were split once when compiling, and the
/// page is written into one buffer: no dynamic cast, no string built per tag.
struct TemplateRenderer {
    private let templates: [String: [TemplateNode]]
    /// The values a name is looked up in, innermost last.
    private var stack: [Frame]
    private var out: [UInt8] = []

    private struct Frame {
        let value: TemplateValue
        /// The page's own object (`TemplateAudit` records the names it misses), or the same pushed again by `{{#.}}`.
        let isRoot: Bool
    }

    /// A template's nodes rendered over `root`, the page's model, with `templates` as its
    /// partials: UTF-8, pieced together from strings.
    static func render(_ nodes: [TemplateNode], _ root: TemplateValue, templates: [String: [TemplateNode]]) -> [UInt8] {
        var renderer = TemplateRenderer(templates: templates, stack: [Frame(value: root, isRoot: true)])
        renderer.render(nodes, indentation: [], overrides: [:])
        return renderer.out
    }

    private init(templates: [String: [TemplateNode]], stack: [Frame]) {
        self.templates = templates
        self.stack = stack
    }

    /// One render of a template or section. Inside an indented partial or block, each piece that
    /// writes something where this render's own output ends a line (a `\n` that is one character:
    /// not the end of `\r\n`) is indented first.
    private mutating func render(_ nodes: [TemplateNode], indentation: [UInt8], overrides: [String: [TemplateNode]]) {
        let start = out.count
        // By index: a node read in place is passed on as it is, where iterating would copy each
        // one (a retain and a release of its text or children, for every tag of every page).
        for index in nodes.indices {
            guard !indentation.isEmpty, endsLine(since: start) else {
                render(nodes[index], indentation: indentation, overrides: overrides)
                continue
            }
            out.append(contentsOf: indentation)
            let mark = out.count
            render(nodes[index], indentation: indentation, overrides: overrides)
            if out.count == mark { out.removeLast(indentation.count) }
        }
    }

    private func endsLine(since start: Int) -> Bool {
        let end = out.count
        return end > start && out[end - 1] == UInt8(ascii: "\n") && !(end - 2 >= start && out[end - 2] == UInt8(ascii: "\r"))
    }

    /// The node is lent, not given: a switch over a node it owned copied the node first (a retain
    /// and a release of its text or children, for every tag of every page).
    private mutating func render(_ node: borrowing TemplateNode, indentation: [UInt8], overrides: [String: [TemplateNode]]) {
        switch node {
        case .text(let bytes):
            out.append(contentsOf: bytes)

        case .value(let path, let escaped):
            if let found = lookup(path) { write(found, escaped: escaped) }

        case .section(let path, let nodes):
            guard let found = lookup(path) else { return }
            switch found.value {
            case .array(let items):
                for item in items { renderPushing(Frame(value: item, isRoot: false), nodes, indentation, overrides) }
            case .bool(let bool):
                if bool { render(nodes, indentation: indentation, overrides: overrides) }
            case .null:
                break
            case .object, .string, .int, .double:
                renderPushing(found, nodes, indentation, overrides)
            }

        case .invertedSection(let path, let nodes):
            let found = lookup(path)
            switch found?.value {
            case .array(let items)?:
                // An empty list is pushed, as swift-mustache pushes it: `{{.}}` inside prints it.
                if items.isEmpty, let found { renderPushing(found, nodes, indentation, overrides) }
            case .bool(let bool)?:
                if !bool { render(nodes, indentation: indentation, overrides: overrides) }
            case .null?, nil:
                render(nodes, indentation: indentation, overrides: overrides)
            case .object?, .string?, .int?, .double?:
                break
            }

        case .block(let name, let nodes, let indented):
            render(overrides[name] ?? nodes, indentation: indentation + indented, overrides: overrides)

        case .partial(let name, let indented, let blocks):
            // The outermost template's blocks win over those of the parents it passes through.
            let inherited = blocks.isEmpty ? overrides : overrides.merging(blocks) { outer, _ in outer }
            render(templates[name] ?? [], indentation: indentation + indented, overrides: inherited)
        }
    }

    private mutating func renderPushing(_ frame: Frame, _ nodes: [TemplateNode], _ indentation: [UInt8],
                                        _ overrides: [String: [TemplateNode]]) {
        stack.append(frame)
        render(nodes, indentation: indentation, overrides: overrides)
        stack.removeLast()
    }

    /// The value a tag names: its first part looked up from the innermost value outwards (or in
    /// the current one for `.name`), the stack stopping at the first value that has it; the rest
    /// looked up in what that gave. Only objects have fields.
    private func lookup(_ path: TemplatePath) -> Frame? {
        var found: Frame
        if path.names.isEmpty {
            found = stack[stack.count - 1]
        } else if path.inCurrent {
            guard let value = field(path.names[0], of: stack[stack.count - 1]),
                  let inner = fields(path.names.dropFirst(), of: value) else { return nil }
            found = Frame(value: inner, isRoot: false)
        } else {
            var level = stack.count - 1, value: TemplateValue?
            while value == nil && level >= 0 {
                value = field(path.names[0], of: stack[level])
                level -= 1
            }
            guard let value, let inner = fields(path.names.dropFirst(), of: value) else { return nil }
            found = Frame(value: inner, isRoot: false)
        }
        for _ in 0..<path.emptyChecks {
            switch found.value {
            case .string(let string): found = Frame(value: .bool(string.isEmpty), isRoot: false)
            case .array(let items): found = Frame(value: .bool(items.isEmpty), isRoot: false)
            default: return nil
            }
        }
        return found
    }

    private func field(_ name: String, of frame: Frame) -> TemplateValue? {
        guard case .object(let fields) = frame.value else { return nil }
        if let value = fields[name] { return value }
        if frame.isRoot { TemplateAudit.missed(name) }
        return nil
    }

    private func fields(_ names: ArraySlice<String>, of value: TemplateValue) -> TemplateValue? {
        var value = value
        for name in names {
            guard let inner = field(name, of: Frame(value: value, isRoot: false)) else { return nil }
            value = inner
        }
        return value
    }

    /// A value as swift-mustache prints it (`String(describing:)`); a null prints nothing.
    private mutating func write(_ found: Frame, escaped: Bool) {
        switch found.value {
        case .string(let string):
            if escaped { XMLEscaping.append(string, to: &out) } else { out.append(contentsOf: string.utf8) }
        case .int(let int):
            out.append(contentsOf: String(int).utf8)
        case .bool(let bool):
            out.append(contentsOf: (bool ? "true" : "false").utf8)
        case .double(let double):
            out.append(contentsOf: String(describing: double).utf8)
        case .null:
            break
        case .object, .array:
            // A theme's mistake, printed as swift-mustache prints it: the description of its tree.
            let text = String(describing: found.value.mustacheTree(isRoot: found.isRoot))
            if escaped { XMLEscaping.append(text, to: &out) } else { out.append(contentsOf: text.utf8) }
        }
    }
}
