import Foundation

/// A Markdown file with optional YAML front matter between `---` lines.
struct MarkdownFile {
    let path: String
    let frontMatter: YAMLValue?
    let body: String

    static func read(_ url: URL, displayPath: String) throws -> MarkdownFile {
        let (text, _) = try TextDecoding.read(url, displayPath: displayPath)
        return try parse(text.replacingOccurrences(of: "\r\n", with: "\n"), path: displayPath)
    }

    static func parse(_ text: String, path: String) throws -> MarkdownFile {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map({ $0.trimmingCharacters(in: .whitespaces) == "---" }) == true else {
            return MarkdownFile(path: path, frontMatter: nil, body: text)
        }
        guard let end = lines.dropFirst().firstIndex(where: { ["---", "..."].contains($0.trimmingCharacters(in: .whitespaces)) }) else {
            throw InputError(path: path, line: 1, "front matter 没有结束的 --- 行 (front matter is never closed)")
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        let front = try YAMLValue.parse(yaml, path: path, lineOffset: 1)
        let body = lines[(end + 1)...].joined(separator: "\n")
        return MarkdownFile(path: path, frontMatter: front, body: body)
    }

    func string(_ key: String) -> String? {
        frontMatter?[key]?.string.map(TextNormalization.trimmed)
    }
}
