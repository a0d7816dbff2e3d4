import Foundation
import Diagnostics
import TextKeys

/// A Markdown file with optional YAML front matter between `---` lines.
struct MarkdownFile {
    let path: String
    let frontMatter: YAMLValue?
    let body: String
    /// The 1-based line of the file the body starts on.
    var bodyLine = 1

    static func read(_ url: URL, displayPath: String) throws -> MarkdownFile {
        try decode(try InputLimits.readFile(url, displayPath: displayPath, limit: InputLimits.markdownBytes), displayPath: displayPath)
    }

    /// The file of these bytes, read from `displayPath`.
    static func decode(_ data: Data, displayPath: String) throws -> MarkdownFile {
        let (text, _) = try TextDecoding.decode(data, displayPath: displayPath)
        // Most files have no CR at all: a scan of the bytes spares them Foundation's replace,
        // which goes through NSString here and was the costliest step of reading a write-up.
        let hasCR = text.utf8.withContiguousStorageIfAvailable { $0.isEmpty ? false : memchr($0.baseAddress!, 13, $0.count) != nil }
            ?? text.utf8.contains(13)
        return try parse(hasCR ? text.replacingOccurrences(of: "\r\n", with: "\n") : text, path: displayPath)
    }

    /// Splits the front matter from the body; a refused control character in the body is an
    /// error of its line (the front matter's are found by `YAMLValue`).
    static func parse(_ text: String, path: String) throws -> MarkdownFile {
        // Lines end at the newline byte, as Character splitting would end them (a grapheme never
        // joins across a line feed), without its per-character cost. Only the front matter's
        // lines are found one by one; the body is checked whole.
        let bytes = text.utf8
        func lineEnd(from start: String.Index) -> String.Index { bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex }
        let firstEnd = lineEnd(from: bytes.startIndex)
        guard isMarker(text[..<firstEnd], ["---"]) else {
            try checkBody(text[...], firstLine: 1, path: path)
            return MarkdownFile(path: path, frontMatter: nil, body: text)
        }
        let neverClosed = InputError(path: path, line: 1, "front matter 没有结束的 --- 行 (front matter is never closed)")
        guard firstEnd < bytes.endIndex else { throw neverClosed }
        let yamlStart = bytes.index(after: firstEnd)
        // The closing marker: its line's start and end, and its index among the lines (from 0).
        var (start, index) = (yamlStart, 1)
        var end = lineEnd(from: start)
        while !isMarker(text[start..<end], ["---", "..."]) {
            guard end < bytes.endIndex else { throw neverClosed }
            (start, index) = (bytes.index(after: end), index + 1)
            end = lineEnd(from: start)
        }
        let yaml = index == 1 ? "" : String(text[yamlStart..<bytes.index(before: start)])
        let body = end < bytes.endIndex ? text[bytes.index(after: end)...] : ""
        var log = ErrorLog()
        let front = log.attempt { try YAMLValue.parse(yaml, path: path, lineOffset: 1) }
        log.attempt { try checkBody(body, firstLine: index + 2, path: path) }
        try log.throwIfAny()
        return MarkdownFile(path: path, frontMatter: front, body: String(body), bodyLine: index + 2)
    }

    /// Whether `line` is one of `markers` (`---`, `...`) between whitespace. A line without a
    /// `-` or `.` (most of a front matter's) is none, and is not trimmed.
    static func isMarker(_ line: Substring, _ markers: [Substring]) -> Bool {
        line.utf8.contains { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") } && markers.contains(trimmed(line))
    }

    /// A line without the whitespace around it, as `trimmingCharacters(in: .whitespaces)` has it;
    /// an ASCII line (nearly all) is trimmed of its spaces and tabs without Foundation.
    static func trimmed(_ line: Substring) -> Substring {
        guard line.utf8.allSatisfy({ $0 < 0x80 }) else { return Substring(line.trimmingCharacters(in: .whitespaces)) }
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = line.utf8.firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = line.utf8.lastIndex(where: { !isBlank($0) })!
        return line[first...last]
    }

    /// `text`, whose first line is line `firstLine` of the file: a refused control character is
    /// an error of its line. Nearly every text has none, which one scan of its bytes tells.
    private static func checkBody(_ text: Substring, firstLine: Int, path: String) throws {
        guard ControlCharacters.firstRefused(in: text) != nil else { return }
        var log = ErrorLog()
        for (offset, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if let refused = ControlCharacters.firstRefused(in: Substring(line)) {
                log.add(path, firstLine + offset, ControlCharacters.message(refused, in: "这一行"))
            }
        }
        try log.throwIfAny()
    }

    func string(_ key: String) -> String? {
        frontMatter?[key]?.string.map(TextNormalization.trimmed)
    }
}
