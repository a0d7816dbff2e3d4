@testable import Publishing

/// Random templates of the grammar `TemplateParser` compiles, and random models for them: the
/// theme's constructs (values, dotted names, sections, `empty(…)`, comments, partials, parents
/// with blocks) cut by line breaks and indentation wherever they fall, so that tags stand alone
/// on their lines or share them; text and values with HTML's special characters, combining
/// marks, `\r\n` and stray braces.
struct TemplateGenerator {
    var random: SeededRandom

    /// Template `names[i]` includes only templates after it, so no render recurses for ever. The
    /// last expands no block.
    static let names = ["t0", "t1", "sub/t2", "t3"]
    static let fields = ["a", "b", "c", "list", "flag"]
    static let tagNames = ["a", "b", "c", "list", "flag", "a.b", "a.list", "list.a", ".a", ".", "b.c.a", "missing", "a..b"]
    static let blocks = ["head", "main", "x"]
    /// Text between tags. A combining mark never follows a tag: `}` and the mark would be one
    /// character, and the tag no tag (swift-mustache rejects the template); it follows a space
    /// (which is then no blank) or a line break instead.
    static let texts = ["x", "Ab", "中文", "e\u{301}", " \u{301}", "<p>", "&", "\"", "'", "😀", " ", "  ", "\t", "{x", "}",
                        "a}b", "}}", "\r", "\u{2028}", "\u{0C}"]
    static let indents = ["", " ", "  ", "\t", "    "]
    static let strings = ["", "v", "<b>&\"'</b>", "中文", "line\nbreak", "cr\r\nlf", "e\u{301}", "\"\u{301}", " {{a}} ", "\n"]

    mutating func pick<T>(_ items: [T]) -> T { items[random.next(below: items.count)] }
    mutating func chance(_ percent: Int) -> Bool { random.next(below: 100) < percent }

    /// One set of templates, by name.
    mutating func templates() -> [String: String] {
        var templates: [String: String] = [:]
        for index in Self.names.indices { templates[Self.names[index]] = content(depth: 3, template: index, inOverride: false) }
        return templates
    }

    /// A block replacing another expands no block and includes only the last template, which
    /// expands none either: an override reaching a block of its own name again would render for
    /// ever, in swift-mustache as here.
    private mutating func content(depth: Int, template: Int, inOverride: Bool) -> String {
        var text = ""
        for _ in 0...random.next(below: 6) { text += item(depth: depth, template: template, inOverride: inOverride) }
        return text
    }

    private mutating func item(depth: Int, template: Int, inOverride: Bool) -> String {
        let later = inOverride ? [Self.names[Self.names.count - 1]] : Array(Self.names[(template + 1)...])
        switch random.next(below: 15) {
        case 0, 1, 2:
            return pick(Self.texts)
        case 3, 4:
            return pick(["\n", "\n", "\r\n", "\n\u{301}"]) + pick(Self.indents)
        case 5, 6:
            let name = pick(Self.tagNames)
            return pick(["{{\(name)}}", "{{ \(name) }}", "{{{\(name)}}}", "{{& \(name)}}", "{{empty(\(name))}}", "{{}}"])
        case 7, 8, 9:
            guard depth > 0 else { return pick(Self.texts) }
            let name = pick(Self.tagNames)
            let tag = chance(30) ? "empty(\(name))" : chance(5) ? "" : name
            return "{{\(pick(["#", "^"]))\(tag)}}" + (chance(50) ? "\n" : "")
                + content(depth: depth - 1, template: template, inOverride: inOverride)
                + (chance(50) ? "\n" + pick(Self.indents) : "") + "{{/\(tag)}}"
        case 10:
            return pick(["{{! note }}", "{{!\n  two lines }}", "{{!}}"])
        case 11:
            guard !later.isEmpty else { return pick(Self.texts) }
            let partial = pick(later)
            return pick(["{{> \(partial)}}", "{{>\(partial)}}"])
        case 12:
            // swift-mustache reads `{{/sub/t2}}` as no closing tag, so a parent's name has no slash.
            let parents = later.filter { !$0.contains("/") }
            guard depth > 0, !parents.isEmpty else { return pick(Self.texts) }
            let parent = pick(parents)
            var body = ""
            for _ in 0...random.next(below: 3) {
                switch random.next(below: 3) {
                case 0: body += pick(["\n", " ", "  ", "text", "\n  "])
                case 1: body += "{{! in the parent's body }}"
                default:
                    let block = pick(Self.blocks)
                    body += pick(Self.indents) + "{{$\(block)}}" + (chance(50) ? "\n" : "")
                        + content(depth: depth - 1, template: template, inOverride: true)
                        + (chance(50) ? "\n" + pick(Self.indents) : "") + "{{/\(block)}}" + (chance(60) ? "\n" : "")
                }
            }
            return "{{<\(parent)}}" + (chance(60) ? "\n" : "") + body + "{{/\(parent)}}"
        case 13:
            guard depth > 0, !inOverride, template < Self.names.count - 1 else { return pick(Self.texts) }
            let block = pick(Self.blocks)
            return "{{$\(block)}}" + (chance(40) ? "\n" : "") + content(depth: depth - 1, template: template, inOverride: false)
                + (chance(40) ? "\n" : "") + "{{/\(block)}}"
        default:
            return "{{% CONTENT_TYPE: QCSITE_HTML }}"
        }
    }

    /// A page's model: an object of some of the fields.
    mutating func model() -> TemplateValue {
        object(depth: 3)
    }

    private mutating func object(depth: Int) -> TemplateValue {
        var fields = TemplateFields()
        for field in Self.fields where chance(70) { fields.append(field, value(depth: depth)) }
        return .object(fields)
    }

    private mutating func value(depth: Int) -> TemplateValue {
        switch random.next(below: depth > 0 ? 10 : 6) {
        case 0, 1: return .string(pick(Self.strings))
        case 2: return .int(pick([0, 1, -7, 42]))
        case 3: return .bool(chance(50))
        case 4: return .double(pick([0.5, -0.0, 1e-7, 1e21, 3.0]))
        case 5: return .null
        case 6, 7: return .array((0..<random.next(below: 4)).map { _ in value(depth: depth - 1) })
        default: return object(depth: depth - 1)
        }
    }
}
