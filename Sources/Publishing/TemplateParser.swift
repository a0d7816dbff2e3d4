/// Compiles a template's text into `TemplateNode`s, step for step as swift-mustache 2.1's
/// parser (`Template+Parser.swift`) reads it: over whole `Character`s, with its rules for
/// standalone lines, the whitespace before a tag, the indentation of a block definition and
/// which tag ends a line — quirks included, since the output has to be swift-mustache's byte
/// for byte. It reads only what `Theme.load` has had swift-mustache accept already; a
/// construct it does not compile throws `Unsupported`, and the template is left to swift-mustache.
struct TemplateParser {
    /// A construct `TemplateRenderer` does not render (or text this parser reads otherwise than
    /// swift-mustache, which would be a fault of the port): the template is rendered by swift-mustache.
    struct Unsupported: Error {
        let construct: String
    }

    private let characters: [Character]
    private var position = 0

    static func parse(_ text: String) throws(Unsupported) -> [TemplateNode] {
        var parser = TemplateParser(characters: Array(text))
        return try parser.parse(State()).nodes
    }

    private init(characters: [Character]) {
        self.characters = characters
    }

    /// swift-mustache's `ParserState`, but for the delimiters (always `{{ }}`: a template that sets
    /// others is not compiled).
    private struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        /// The indentation of a block definition's first line, in characters: taken off each later line.
        var partialDefinitionIndent: Int?

        func withSectionName(_ name: String, newLine: Bool, transforms: [String] = []) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = transforms
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withInheritancePartial(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = []
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    /// What one section's text compiles to: its nodes, and the blocks it defines when it is the
    /// body of `{{< parent}}`.
    private struct Section {
        var nodes: [TemplateNode] = []
        var blocks: [String: [TemplateNode]] = [:]
    }

    private mutating func parse(_ initial: State) throws(Unsupported) -> Section {
        var section = Section()
        var state = initial
        var whiteSpaceBefore: ArraySlice<Character> = []
        func flushWhiteSpace() {
            if !whiteSpaceBefore.isEmpty {
                section.nodes.append(.text(Self.bytes(whiteSpaceBefore)))
                whiteSpaceBefore = []
            }
        }
        while !reachedEnd {
            if state.newLine {
                let whiteSpace = read { $0 == " " || $0 == "\t" }
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = whiteSpace.dropFirst(indent)
                    } else {
                        state.partialDefinitionIndent = whiteSpace.count
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = try readUntilTagOrNewline()
            if current.isNewline {
                section.nodes.append(.text(Self.bytes(whiteSpaceBefore + text + [current])))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                section.nodes.append(.text(Self.bytes(whiteSpaceBefore + text)))
                whiteSpaceBefore = []
                state.newLine = false
            }
            if reachedEnd { break }
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let (name, transforms) = try parseName()
                if isStandalone(state) {
                    setNewLine = true
                } else {
                    flushWhiteSpace()
                }
                let body = try parse(state.withSectionName(name, newLine: setNewLine, transforms: transforms))
                let path = try Self.path(name, transforms)
                section.nodes.append(inverted ? .invertedSection(path, body.nodes) : .section(path, body.nodes))

            case "/":
                position += 1
                let (name, transforms) = try parseName()
                guard name == state.sectionName, transforms == state.sectionTransforms else {
                    throw Unsupported(construct: "a section closed by another name")
                }
                if !isStandalone(state) { flushWhiteSpace() }
                return section

            case "!":
                position += 1
                try skipComment()
                setNewLine = isStandalone(state)

            case "{", "&":
                let tripleBraces = current == "{"
                flushWhiteSpace()
                position += 1
                let (name, transforms) = try parseName()
                if tripleBraces, try !read("}") { throw Unsupported(construct: "an unfinished {{{name}}}") }
                section.nodes.append(.value(try Self.path(name, transforms), escaped: false))

            case ">":
                position += 1
                skip(while: \.isWhitespace)
                if current == "*" { throw Unsupported(construct: "a dynamic partial {{>*name}}") }
                let name = try parsePartialName()
                let indentation = Self.bytes(whiteSpaceBefore)
                flushWhiteSpace()
                if isStandalone(state) {
                    setNewLine = true
                    section.nodes.append(.partial(name, indentation: indentation, overrides: [:]))
                } else {
                    section.nodes.append(.partial(name, indentation: [], overrides: [:]))
                }

            case "<":
                position += 1
                skip(while: \.isWhitespace)
                let name = try parsePartialName()
                if name.first == "*" { throw Unsupported(construct: "a dynamic parent {{<*name}}") }
                let indentation = Self.bytes(whiteSpaceBefore)
                flushWhiteSpace()
                if isStandalone(state) { setNewLine = true }
                let body = try parse(state.withInheritancePartial(name))
                guard body.nodes.allSatisfy({ if case .text = $0 { true } else { false } }) else {
                    throw Unsupported(construct: "a tag other than a block in {{<name}}")
                }
                section.nodes.append(.partial(name, indentation: indentation, overrides: body.blocks))

            case "$":
                position += 1
                let (name, transforms) = try parseName()
                guard transforms.isEmpty else { throw Unsupported(construct: "a transform of a block") }
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    section.blocks[name] = try parse(state.withSectionName(name, newLine: setNewLine)).nodes
                } else {
                    let indentation = Self.bytes(whiteSpaceBefore)
                    flushWhiteSpace()
                    if isStandalone(state) { setNewLine = true }
                    let body = try parse(state.withSectionName(name, newLine: setNewLine))
                    section.nodes.append(.block(name, default: body.nodes, indentation: indentation))
                }

            case "=":
                throw Unsupported(construct: "a set delimiter {{=…=}}")

            case "%":
                position += 1
                try readContentTypePragma()
                // swift-mustache keeps the pragma as a token, which the body of `{{<name}}` may not hold.
                if state.isPartialDefinitionTopLevel { throw Unsupported(construct: "a pragma in {{<name}}") }
                setNewLine = isStandalone(state)

            default:
                flushWhiteSpace()
                let (name, transforms) = try parseName()
                section.nodes.append(.value(try Self.path(name, transforms), escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw Unsupported(construct: "a section left open") }
        return section
    }

    /// A tag's name and transforms as `TemplatePath`: only `empty(…)` is compiled, the one
    /// transform whose result (a string's or an array's emptiness, nothing for any other value)
    /// is reproduced here. A transform of no name reads the position in a sequence, which is not.
    private static func path(_ name: String, _ transforms: [String]) throws(Unsupported) -> TemplatePath {
        if let other = transforms.first(where: { $0 != "empty" }) {
            throw Unsupported(construct: "the transform \(other)(…)")
        }
        if name.isEmpty, !transforms.isEmpty { throw Unsupported(construct: "a transform of the sequence position") }
        return TemplatePath(name, emptyChecks: transforms.count)
    }

    private static func bytes(_ characters: some Sequence<Character>) -> [UInt8] {
        Array(String(characters).utf8)
    }

    // MARK: Reading, as swift-mustache's `Parser` reads

    private var reachedEnd: Bool { position == characters.count }

    /// The character at the position; NUL past the end, as in swift-mustache.
    private var current: Character { reachedEnd ? "\0" : characters[position] }

    private mutating func read(while belongs: (Character) -> Bool) -> ArraySlice<Character> {
        let start = position
        while !reachedEnd, belongs(characters[position]) { position += 1 }
        return characters[start..<position]
    }

    private mutating func skip(while belongs: (Character) -> Bool) {
        _ = read(while: belongs)
    }

    /// Reads `character`; past the end is an error, as in swift-mustache.
    private mutating func read(_ character: Character) throws(Unsupported) -> Bool {
        guard !reachedEnd else { throw Unsupported(construct: "a tag cut off by the end") }
        guard characters[position] == character else { return false }
        position += 1
        return true
    }

    /// Reads `{{` or `}}`; fewer than two characters left is an error, as in swift-mustache.
    private mutating func read(pair character: Character) throws(Unsupported) -> Bool {
        guard characters.count - position >= 2 else { throw Unsupported(construct: "a tag cut off by the end") }
        guard characters[position] == character, characters[position + 1] == character else { return false }
        position += 2
        return true
    }

    /// Text up to a line break (left unread) or to `{{` (read).
    private mutating func readUntilTagOrNewline() throws(Unsupported) -> ArraySlice<Character> {
        var text: ArraySlice<Character> = []
        while !reachedEnd {
            text += read { $0 != "\n" && $0 != "\r\n" && $0 != "{" }
            if current.isNewline {
                break
            } else if current == "{" {
                if try read(pair: "{") { break }
                text.append("{")
                position += 1
            }
        }
        return text
    }

    /// Whether the rest of the line is blank; if so it is read, with its line break.
    private mutating func hasLineFinished() -> Bool {
        if reachedEnd { return true }
        var end = position
        while end < characters.count, characters[end] == " " || characters[end] == "\t" { end += 1 }
        guard end < characters.count, characters[end].isNewline else { return false }
        position = end + 1
        return true
    }

    private mutating func isStandalone(_ state: State) -> Bool {
        state.newLine && hasLineFinished()
    }

    private mutating func parseName() throws(Unsupported) -> (String, [String]) {
        skip(while: \.isWhitespace)
        let text = String(read { Self.sectionNameChars.contains($0) })
        skip(while: \.isWhitespace)
        guard try read(pair: "}") else { throw Unsupported(construct: "an unfinished tag") }

        // `name(argument)`, or nested: `outer(inner(argument))`.
        let name = Array(text)
        var index = 0
        func readName() -> String {
            let start = index
            while index < name.count, Self.sectionNameCharsWithoutBrackets.contains(name[index]) { index += 1 }
            return String(name[start..<index])
        }
        var transforms = [readName()]
        if index == name.count { return (text, []) }
        guard name[index] == "(" else { throw Unsupported(construct: "an unfinished tag") }
        index += 1
        while true {
            let argument = readName()
            guard index < name.count else { throw Unsupported(construct: "an unfinished tag") }
            switch name[index] {
            case ")":
                index += 1
                var closing = 0
                while index < name.count, name[index] == ")" { closing += 1; index += 1 }
                guard closing + 1 == transforms.count, index == name.count else {
                    throw Unsupported(construct: "an unfinished tag")
                }
                return (argument, transforms)
            case "(":
                index += 1
                transforms.append(argument)
            default:
                throw Unsupported(construct: "an unfinished tag")
            }
        }
    }

    private mutating func parsePartialName() throws(Unsupported) -> String {
        skip(while: \.isWhitespace)
        let text = String(read { Self.partialNameChars.contains($0) })
        skip(while: \.isWhitespace)
        guard try read(pair: "}") else { throw Unsupported(construct: "an unfinished tag") }
        return text
    }

    private mutating func skipComment() throws(Unsupported) {
        var end = position
        while end + 1 < characters.count {
            if characters[end] == "}", characters[end + 1] == "}" {
                position = end + 2
                return
            }
            end += 1
        }
        throw Unsupported(construct: "an unfinished comment")
    }

    /// `{{% CONTENT_TYPE: QCSITE_HTML }}`, the pragma every template is parsed with; any other
    /// would change the escaping of what follows.
    private mutating func readContentTypePragma() throws(Unsupported) {
        skip(while: \.isWhitespace)
        let variable = String(read { Self.sectionNameCharsWithoutBrackets.contains($0) })
        skip(while: \.isWhitespace)
        guard try read(":") else { throw Unsupported(construct: "a malformed pragma") }
        skip(while: \.isWhitespace)
        let value = String(read { Self.sectionNameCharsWithoutBrackets.contains($0) })
        skip(while: \.isWhitespace)
        guard try read(pair: "}"), variable == "CONTENT_TYPE", value == HTMLText.name else {
            throw Unsupported(construct: "the pragma \(variable): \(value)")
        }
    }

    private static let sectionNameCharsWithoutBrackets = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let sectionNameChars = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialNameChars = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")
}
