/// Reads a template's text character by character for `TemplateParser`, and says where it
/// stopped (line and column) when the text is not a valid template.
struct TemplateScanner {
    struct Overflow: Error {}

    let text: String
    private(set) var position: String.Index

    init(_ text: String) {
        self.text = text
        position = text.startIndex
    }

    var reachedEnd: Bool { position == text.endIndex }

    /// The character at the position; `"\0"` at the end.
    var current: Character { reachedEnd ? "\0" : text[position] }

    mutating func advance() { position = text.index(after: position) }
    mutating func retreat() { position = text.index(before: position) }
    mutating func move(to index: String.Index) { position = index }

    /// Reads `character` if it is next.
    mutating func read(_ character: Character) throws -> Bool {
        guard !reachedEnd else { throw Overflow() }
        guard text[position] == character else { return false }
        advance()
        return true
    }

    /// Reads `string` if it comes next.
    mutating func read(string: String) throws -> Bool {
        guard !string.isEmpty else { return true }
        guard text.distance(from: position, to: text.endIndex) >= string.count else { throw Overflow() }
        let end = text.index(position, offsetBy: string.count)
        guard text[position..<end] == string else { return false }
        position = end
        return true
    }

    @discardableResult
    mutating func read(while matches: (Character) -> Bool) -> Substring {
        let start = position
        while !reachedEnd, matches(text[position]) { advance() }
        return text[start..<position]
    }

    /// Reads up to the first character that matches; at the end of the text that is an
    /// overflow unless `throwOnOverflow` is false.
    @discardableResult
    mutating func read(until matches: (Character) -> Bool, throwOnOverflow: Bool = true) throws -> Substring {
        let start = position
        while !reachedEnd {
            if matches(text[position]) { return text[start..<position] }
            advance()
        }
        if throwOnOverflow {
            position = start
            throw Overflow()
        }
        return text[start..<position]
    }

    /// Reads up to and past `string`, returning what came before it.
    mutating func read(past string: String) throws -> Substring {
        let start = position
        while !reachedEnd {
            if text[position...].hasPrefix(string) {
                let found = position
                position = text.index(position, offsetBy: string.count)
                return text[start..<found]
            }
            advance()
        }
        position = start
        throw Overflow()
    }

    /// The line and column of the position (1-based), for an error message.
    var lineAndColumn: (line: Int, column: Int) {
        let before = text[text.startIndex..<position]
        let line = before.filter(\.isNewline).count + 1
        let column = before.reversed().prefix { $0 != "\n" }.count + 1
        return (line, column)
    }
}
