/// Parses Mustache text into `TemplateNode`s, as the Mustache specification reads it: sections,
/// inverted sections, partials, parents and blocks (`{{<layout}}{{$main}}…{{/main}}{{/layout}}`),
/// comments, set delimiters, transforms (`{{^empty(site.pages)}}`) and `{{%CONTENT_TYPE:TEXT}}`.
/// A tag alone on its line ("standalone") takes its line with it, and a standalone partial is
/// indented as the tag is. The rules are those of swift-mustache 2, which rendered the theme
/// before: the same theme gives the same bytes.
struct TemplateParser {
    /// What is wrong with a template, and where.
    struct Failure: Error {
        enum Reason: String {
            case sectionCloseNameIncorrect, unfinishedName, expectedSectionEnd, invalidSetDelimiter
            case transformAppliedToInheritanceSection, illegalTokenInsideInheritSection
            case invalidConfigVariableSyntax, unrecognisedConfigVariable
        }

        let reason: Reason
        let line: Int
        let column: Int
    }

    private struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        var newLine = true
        /// Inside a parent (`{{<name}}`): only block definitions and text belong there.
        var inParent = false
        /// Directly inside a parent, where `{{$name}}` defines a block instead of expanding one.
        var parentTopLevel = false
        var start = "{{"
        var end = "}}"
        var parentIndent: Substring?

        func entering(section name: String, newLine: Bool, transforms: [String] = []) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = transforms
            state.parentTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func entering(parent name: String) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = []
            state.newLine = true
            state.inParent = true
            state.parentTopLevel = true
            return state
        }
    }

    private var scanner: TemplateScanner

    static func parse(_ text: String) throws -> [TemplateNode] {
        var parser = TemplateParser(scanner: TemplateScanner(text))
        do {
            return try parser.parse(State())
        } catch let reason as Failure.Reason {
            let (line, column) = parser.scanner.lineAndColumn
            throw Failure(reason: reason, line: line, column: column)
        } catch is TemplateScanner.Overflow {
            let (line, column) = parser.scanner.lineAndColumn
            throw Failure(reason: .unfinishedName, line: line, column: column)
        }
    }

    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let nameOrBracket = nameCharacters.union("()")
    private static let partialNameCharacters = nameOrBracket.union("/")

    private mutating func parse(_ initial: State) throws -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initial
        var whiteSpaceBefore: Substring = ""
        while !scanner.reachedEnd {
            if state.newLine {
                let whiteSpace = scanner.read { $0 == " " || $0 == "\t" }
                if state.inParent, !state.parentTopLevel {
                    if let indent = state.parentIndent {
                        whiteSpaceBefore = whiteSpace.dropFirst(indent.count)
                    } else {
                        state.parentIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = try readText(state)
            if scanner.current.isNewline {
                nodes.append(.text(String(whiteSpaceBefore) + text + String(scanner.current)))
                state.newLine = true
                scanner.advance()
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(String(whiteSpaceBefore) + text))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if scanner.reachedEnd { break }

            func flushWhiteSpace() {
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(String(whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }
            }
            var setNewLine = false
            switch scanner.current {
            case "#", "^":
                let inverted = scanner.current == "^"
                scanner.advance()
                let (name, transforms) = try readName(state)
                if isStandalone(state) { setNewLine = true } else { flushWhiteSpace() }
                let body = try parse(state.entering(section: name, newLine: setNewLine, transforms: transforms))
                let path = TemplatePath(name, transforms: transforms)
                nodes.append(inverted ? .invertedSection(path, body) : .section(path, body))

            case "/":
                scanner.advance()
                let position = scanner.position
                let (name, transforms) = try readName(state)
                guard name == state.sectionName, transforms == state.sectionTransforms else {
                    scanner.move(to: position)
                    throw Failure.Reason.sectionCloseNameIncorrect
                }
                if !isStandalone(state) { flushWhiteSpace() }
                return nodes

            case "!":
                scanner.advance()
                _ = try scanner.read(past: state.end)
                setNewLine = isStandalone(state)

            case "{", "&":
                flushWhiteSpace()
                let triple = scanner.current == "{"
                scanner.advance()
                let (name, transforms) = try readName(state)
                if triple { guard try scanner.read("}") else { throw Failure.Reason.unfinishedName } }
                nodes.append(.unescaped(TemplatePath(name, transforms: transforms)))

            case ">":
                scanner.advance()
                scanner.read(while: \.isWhitespace)
                let dynamic = scanner.current == "*"
                if dynamic { scanner.advance() }
                let name = try readPartialName(state)
                flushWhiteSpaceKeepingIndent(&nodes, whiteSpaceBefore)
                let indent: String? = isStandalone(state) ? String(whiteSpaceBefore) : nil
                setNewLine = indent != nil
                nodes.append(.partial(dynamic ? .dynamic(name) : .named(name), indent: indent, blocks: nil))
                whiteSpaceBefore = ""

            case "<":
                scanner.advance()
                scanner.read(while: \.isWhitespace)
                let written = try readPartialName(state)
                let dynamic = written.first == "*"
                let name = dynamic ? String(written.dropFirst()) : written
                flushWhiteSpaceKeepingIndent(&nodes, whiteSpaceBefore)
                setNewLine = isStandalone(state)
                var blocks: [String: [TemplateNode]] = [:]
                for node in try parse(state.entering(parent: written)) {
                    switch node {
                    case .blockDefinition(let block, let body): blocks[block] = body
                    case .text: break
                    default: throw Failure.Reason.illegalTokenInsideInheritSection
                    }
                }
                nodes.append(.partial(dynamic ? .dynamic(name) : .named(name), indent: String(whiteSpaceBefore), blocks: blocks))
                whiteSpaceBefore = ""

            case "$":
                scanner.advance()
                let (name, transforms) = try readName(state)
                guard transforms.isEmpty else { throw Failure.Reason.transformAppliedToInheritanceSection }
                if state.parentTopLevel {
                    setNewLine = isStandalone(state)
                    nodes.append(.blockDefinition(name, try parse(state.entering(section: name, newLine: setNewLine))))
                } else {
                    flushWhiteSpaceKeepingIndent(&nodes, whiteSpaceBefore)
                    setNewLine = isStandalone(state)
                    let body = try parse(state.entering(section: name, newLine: setNewLine))
                    nodes.append(.block(name, default: body, indent: String(whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }

            case "=":
                scanner.advance()
                state = try setDelimiters(state)
                setNewLine = isStandalone(state)

            case "%":
                scanner.advance()
                nodes.append(.contentType(try readContentType(state)))
                setNewLine = isStandalone(state)

            default:
                flushWhiteSpace()
                let (name, transforms) = try readName(state)
                nodes.append(.escaped(TemplatePath(name, transforms: transforms)))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw Failure.Reason.expectedSectionEnd }
        return nodes
    }

    /// Partials, parents and blocks keep the white space before them as a node of its own and
    /// also take it as their indent.
    private func flushWhiteSpaceKeepingIndent(_ nodes: inout [TemplateNode], _ whiteSpace: Substring) {
        if !whiteSpace.isEmpty { nodes.append(.text(String(whiteSpace))) }
    }

    /// Text up to the next tag (consumed with its opening delimiter) or line end (not consumed).
    private mutating func readText(_ state: State) throws -> String {
        guard let first = state.start.first else { return "" }
        var text = ""
        while !scanner.reachedEnd {
            text += try scanner.read(until: { $0 == "\n" || $0 == "\r\n" || $0 == first }, throwOnOverflow: false)
            if scanner.current.isNewline { break }
            if scanner.current == first {
                if try scanner.read(string: state.start) { break }
                text.append(first)
                scanner.advance()
            }
        }
        return text
    }

    /// A tag's name and transforms, `empty(site.pages)` being the name `site.pages` with the
    /// transform `empty`, up to and past the closing delimiter.
    private mutating func readName(_ state: State) throws -> (String, [String]) {
        scanner.read(while: \.isWhitespace)
        let text = String(scanner.read { Self.nameOrBracket.contains($0) })
        scanner.read(while: \.isWhitespace)
        guard try scanner.read(string: state.end) else { throw Failure.Reason.unfinishedName }

        var names = TemplateScanner(text)
        let head = names.read { Self.nameCharacters.contains($0) }
        if names.reachedEnd { return (text, []) }
        guard names.current == "(" else { throw Failure.Reason.unfinishedName }
        names.advance()
        var transforms = [head]
        while true {
            let name = names.read { Self.nameCharacters.contains($0) }
            switch names.current {
            case ")":
                names.advance()
                let closing = names.read { $0 == ")" }.count
                guard closing + 1 == transforms.count, names.reachedEnd else { throw Failure.Reason.unfinishedName }
                return (String(name), transforms.map(String.init))
            case "(":
                names.advance()
                transforms.append(name)
            default:
                throw Failure.Reason.unfinishedName
            }
        }
    }

    private mutating func readPartialName(_ state: State) throws -> String {
        scanner.read(while: \.isWhitespace)
        let text = String(scanner.read { Self.partialNameCharacters.contains($0) })
        scanner.read(while: \.isWhitespace)
        guard try scanner.read(string: state.end) else { throw Failure.Reason.unfinishedName }
        return text
    }

    private mutating func setDelimiters(_ state: State) throws -> State {
        let start: Substring, end: Substring
        do {
            scanner.read(while: \.isWhitespace)
            start = try scanner.read(until: \.isWhitespace)
            scanner.read(while: \.isWhitespace)
            end = try scanner.read(until: { $0 == "=" || $0.isWhitespace })
            scanner.read(while: \.isWhitespace)
        } catch {
            throw Failure.Reason.invalidSetDelimiter
        }
        guard try scanner.read("="), try scanner.read(string: state.end), !start.isEmpty, !end.isEmpty else {
            throw Failure.Reason.invalidSetDelimiter
        }
        var changed = state
        changed.start = String(start)
        changed.end = String(end)
        changed.parentTopLevel = false
        return changed
    }

    private mutating func readContentType(_ state: State) throws -> TemplateNode.ContentType {
        let variable: Substring, value: Substring
        do {
            scanner.read(while: \.isWhitespace)
            variable = scanner.read { Self.nameCharacters.contains($0) }
            scanner.read(while: \.isWhitespace)
            guard try scanner.read(":") else { throw Failure.Reason.invalidConfigVariableSyntax }
            scanner.read(while: \.isWhitespace)
            value = scanner.read { Self.nameCharacters.contains($0) }
            scanner.read(while: \.isWhitespace)
            guard try scanner.read(string: state.end) else { throw Failure.Reason.invalidConfigVariableSyntax }
        } catch {
            throw Failure.Reason.invalidConfigVariableSyntax
        }
        guard !variable.isEmpty, !value.isEmpty else { throw Failure.Reason.invalidConfigVariableSyntax }
        guard variable == "CONTENT_TYPE", let type = TemplateNode.ContentType(rawValue: String(value)) else {
            throw Failure.Reason.unrecognisedConfigVariable
        }
        return type
    }

    /// A tag alone on its line: the rest of the line (spaces and the line end) goes with it.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if scanner.reachedEnd { return true }
        var ahead = scanner
        ahead.read { $0 == " " || $0 == "\t" }
        guard ahead.current.isNewline else { return false }
        ahead.advance()
        scanner.move(to: ahead.position)
        return true
    }
}
