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
        let (text, _) = try TextDecoding.read(url, displayPath: displayPath, limit: InputLimits.markdownBytes)
        // Most files have no CR at all: a scan of the bytes spares them Foundation's replace,
        // which goes through NSString here and was the costliest step of reading a write-up.
        let lines = text.utf8.contains(13) ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        return try parse(lines, path: displayPath)
    }

    /// Splits the front matter from the body; a refused control character in the body is an
    /// error of its line (the front matter's are found by `YAMLValue`).
    static func parse(_ text: String, path: String) throws -> MarkdownFile {
        // Lines cut at the newline byte, as Character splitting would (a grapheme never joins
        // across a line feed), without its per-character cost.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Substring.init)
        guard lines.first.map({ isMarker($0, ["---"]) }) == true else {
            try checkBody(lines[...], path: path)
            return MarkdownFile(path: path, frontMatter: nil, body: text)
        }
        guard let end = lines.dropFirst().firstIndex(where: { isMarker($0, ["---", "..."]) }) else {
            throw InputError(path: path, line: 1, "front matter 没有结束的 --- 行 (front matter is never closed)")
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        var log = ErrorLog()
        let front = log.attempt { try YAMLValue.parse(yaml, path: path, lineOffset: 1) }
        log.attempt { try checkBody(lines[(end + 1)...], path: path) }
        try log.throwIfAny()
        let body = end + 1 < lines.count ? String(text[lines[end + 1].startIndex...]) : ""
        return MarkdownFile(path: path, frontMatter: front, body: body, bodyLine: end + 2)
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

    private static func checkBody(_ lines: ArraySlice<Substring>, path: String) throws {
        var log = ErrorLog()
        for (index, line) in zip(lines.indices, lines) {
            if let refused = ControlCharacters.firstRefused(in: line) {
                log.add(path, index + 1, ControlCharacters.message(refused, in: "这一行"))
            }
        }
        try log.throwIfAny()
    }

    func string(_ key: String) -> String? {
        frontMatter?[key]?.string.map(TextNormalization.trimmed)
    }
}
