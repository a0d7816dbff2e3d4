import Foundation
import Archive
import Diagnostics
import SafePaths

/// A year's competition.yaml as staff wrote it, for the one edit qcsite makes to content:
/// setting `published:`. Only that line changes (or one line is added where the key is
/// missing): comments, order and spacing stay byte for byte, and the new text is parsed again
/// to prove that nothing but `published` moved.
public struct CompetitionFile: Sendable {
    /// As messages name it (`content/years/2025/competition.yaml`).
    public let displayPath: String
    /// The file's real location inside the content folder.
    let url: URL
    /// The bytes as read, to put back when what followed the edit failed.
    public let original: Data
    let text: String
    let encoding: TextDecoding.Encoding
    /// The stage the file publishes (registration where it names none).
    public let published: Stage
    /// The 1-based line of the `published` key; nil when the file has none.
    public let publishedLine: Int?
    /// Whether staff wrote the stage by its Chinese name (入围): an edit keeps to their habit.
    let writesChinese: Bool

    /// Reads `years/<year>/competition.yaml` of the content folder; a year without one is an input error.
    public init(contentDirectory: URL, contentDisplayPath: String, year: Int) throws {
        let relative = "years/\(year)/competition.yaml"
        displayPath = contentDisplayPath + "/" + relative
        guard let folder = try SourceFolder.open(contentDirectory, displayPath: contentDisplayPath),
              let url = try folder.file(relative) else {
            throw InputError(path: displayPath, line: 0, "没有 \(year) 年度的 competition.yaml；请先建立年度文件夹 content/years/\(year)/")
        }
        self.url = url
        let (text, encoding) = try TextDecoding.read(url, displayPath: displayPath, limit: InputLimits.yamlBytes)
        original = try Data(contentsOf: url)
        self.text = text
        self.encoding = encoding
        let yaml = try YAMLValue.parse(text, path: displayPath)
        let key = yaml.node.mapping?.first { $0.key.string == "published" }
        publishedLine = key?.key.mark?.line
        let written = yaml["published"]?.string.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard written.isEmpty || Stage(named: written) != nil else {
            throw InputError(path: displayPath, line: publishedLine ?? 0, "published 应为 \(Stage.allowedNames) 之一")
        }
        published = Stage(named: written) ?? .registration
        writesChinese = !written.isEmpty && Stage(rawValue: written.lowercased()) == nil
    }

    /// The 1-based line of `published:` in the year's file, where the content has it: what a
    /// message about the published stage points to (0 when it cannot say).
    public static func publishedLine(contentDirectory: URL, contentDisplayPath: String, year: Int) -> Int {
        (try? CompetitionFile(contentDirectory: contentDirectory, contentDisplayPath: contentDisplayPath, year: year))?
            .publishedLine ?? 0
    }

    /// The file's bytes with `published` set to `stage`.
    public func settingPublished(_ stage: Stage) throws -> Data {
        let value = writesChinese ? stage.chineseNames[0] : stage.rawValue
        // By scalar: as Characters, "\r\n" is one and never equals "\n".
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        let ending = lines.first?.hasSuffix("\r") == true ? "\r" : ""
        if let publishedLine {
            let index = publishedLine - 1
            guard let edited = Self.replacingValue(in: lines[index], with: value) else {
                throw InputError(path: displayPath, line: publishedLine,
                                 "无法自动修改这一行（published 应写在行首，如 published: \(value)）；请手动改为 published: \(value)")
            }
            lines[index] = edited
        } else {
            // Where the contract puts it: before the stage dates, else before the rules, else last.
            let before = ["stages", "rules"].lazy.compactMap { key in lines.firstIndex { Self.isTopLevelKey(key, $0) } }.first
            if let before {
                lines.insert("published: \(value)" + ending, at: before)
            } else {
                if lines.last == "" { lines.removeLast() }
                lines += ["published: \(value)" + ending, ""]
            }
        }
        let result = lines.joined(separator: "\n")
        try verify(result, stage: stage)
        return try encoded(result)
    }

    /// Replaces the file with `data` in one rename, so it is never seen half written.
    public func write(_ data: Data) throws {
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw InputError(path: displayPath, line: 0, "无法写入 (cannot write)：\(error.localizedDescription)；请检查文件和文件夹的权限")
        }
    }

    private static let valueLine = try! NSRegularExpression(pattern: #"^(published[ \t]*:)([ \t]*)([^#\r]*?)([ \t]+#[^\r]*)?(\r?)$"#)

    /// The key's line with its value replaced; nil for a value qcsite does not rewrite (a flow
    /// mapping, a block scalar, an anchor).
    static func replacingValue(in line: String, with value: String) -> String? {
        let range = NSRange(line.startIndex..., in: line)
        guard let match = valueLine.firstMatch(in: line, range: range) else { return nil }
        func group(_ n: Int) -> String { Range(match.range(at: n), in: line).map { String(line[$0]) } ?? "" }
        let old = group(3)
        guard !old.hasPrefix("{"), !old.hasPrefix("["), !old.hasPrefix("|"), !old.hasPrefix(">"), !old.hasPrefix("&"),
              !old.hasPrefix("*"), !old.hasPrefix("!") else { return nil }
        let space = group(2).isEmpty ? " " : group(2)
        return group(1) + space + value + group(4) + group(5)
    }

    static func isTopLevelKey(_ key: String, _ line: String) -> Bool {
        line.hasPrefix(key) && line.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }.first == ":"
    }

    /// The new text must publish `stage` and say everything else exactly as before.
    private func verify(_ result: String, stage: Stage) throws {
        let before = try YAMLValue.parse(text, path: displayPath)
        let after = try YAMLValue.parse(result, path: displayPath)
        let others = { (yaml: YAMLValue) in yaml.node.mapping?.filter { $0.key.string != "published" }.map { [$0.key, $0.value] } }
        guard after["published"]?.string.flatMap(Stage.init(named:)) == stage, others(before) == others(after) else {
            throw InputError(path: displayPath, line: publishedLine ?? 0, "无法自动修改 published；请手动改为 published: \(stage.rawValue)")
        }
    }

    /// The text in the encoding the file was read in.
    private func encoded(_ text: String) throws -> Data {
        switch encoding {
        case .utf8: return Data(text.utf8)
        case .utf8BOM: return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        case .utf16: if let data = text.data(using: .utf16) { return data }
        case .gb18030: if let data = TextDecoding.gb18030Data(text) { return data }
        }
        throw InputError(path: displayPath, line: 0, "无法按原编码 \(encoding.rawValue) 写回；请把文件另存为 UTF-8 后重试")
    }
}
