import Foundation
import Testing
@testable import Archive
@testable import Content
@testable import Rules

/// The staff manual (`docs/`) is the reference staff work from, so it is held to the code: every
/// rule id, stage name, table column, rules key and command option appears in it, and every link
/// between its chapters (and from the README) reaches a file and a heading that exist.
@Suite("Staff manual")
struct StaffManualTests {
    static let docs = SiteFixture.repository.appendingPathComponent("docs")

    static func chapter(_ name: String) throws -> String {
        try String(contentsOf: docs.appendingPathComponent(name), encoding: .utf8)
    }

    /// Every chapter's text, one string: options and commands may be explained in any chapter.
    static func wholeManual() throws -> String {
        try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }.sorted()
            .map { try chapter($0) }.joined(separator: "\n")
    }

    @Test("Every rule id has its section in 检查结果说明")
    func everyRuleExplained() throws {
        let text = try Self.chapter("检查结果说明.md")
        let headings = Set(Self.headings(text))
        for rule in RuleID.allCases {
            #expect(headings.contains { $0.hasPrefix(rule.rawValue + "：") }, "no section「## \(rule.rawValue)：…」")
        }
    }

    @Test("Every stage name, table column, rules key and notice key is in 内容格式")
    func formatComplete() throws {
        let text = try Self.chapter("内容格式.md")
        for stage in Stage.allCases {
            for name in [stage.rawValue] + stage.chineseNames {
                #expect(text.contains(name), "stage name \(name)")
            }
        }
        let tables: [[ColumnSpec]] = [
            YearReader.registrationColumns, YearReader.judgeColumns, YearReader.awardColumns,
            YearReader.applicationColumns, YearReader.claimColumns, YearReader.publicationColumns,
        ]
        for spec in tables.joined() {
            for name in [spec.chinese, spec.key] + spec.alternatives {
                #expect(text.contains(name), "column \(spec.chinese) (\(name))")
            }
        }
        for (key, nested) in CompetitionRules.keys {
            #expect(text.contains("`\(key)`"), "rules key \(key)")
            for inner in nested { #expect(text.contains(inner), "rules key \(key).\(inner)") }
        }
        for key in ContentReader.noticeKeys {
            #expect(text.contains("`\(key)`"), "notice key \(key)")
        }
    }

    @Test("Every command and option of `qcsite --help` is in the manual")
    func everyCommandDocumented() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let folder = FileManager.default.temporaryDirectory
        let manual = try Self.wholeManual()
        let commands = Self.subcommands(try QCSiteBinary.run(["--help"], in: folder).stdout)
        #expect(commands.count >= 7)
        var options: Set<String> = []
        for command in commands {
            #expect(manual.contains("qcsite \(command)"), "command \(command)")
            let help = try QCSiteBinary.run([command, "--help"], in: folder).stdout
            for option in Self.options(help) where option != "--help" {
                options.insert(option)
                #expect(manual.contains(option), "option \(option) of \(command)")
            }
        }
        #expect(options.isSuperset(of: ["--content", "--archive", "--year", "--format", "--base-url", "--port", "--into"]))
    }

    @Test("Every relative link in docs/ and the README reaches a file and, with #, a heading")
    func linksResolve() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.docs.path).filter { $0.hasSuffix(".md") }
            .map { Self.docs.appendingPathComponent($0) } + [SiteFixture.repository.appendingPathComponent("README.md")]
        var checked = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for link in Self.links(text) where !link.contains(":") {
                checked += 1
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? file
                    : file.deletingLastPathComponent().appendingPathComponent(parts[0].removingPercentEncoding ?? parts[0])
                #expect(FileManager.default.fileExists(atPath: target.path), "\(file.lastPathComponent): \(link)")
                guard parts.count == 2, let targetText = try? String(contentsOf: target, encoding: .utf8) else { continue }
                let anchors = Set(Self.headings(targetText).map(Self.anchor))
                #expect(anchors.contains(parts[1].removingPercentEncoding ?? parts[1]), "\(file.lastPathComponent): \(link)")
            }
        }
        #expect(checked > 50)
    }

    @Test("The anchor of a heading follows GitHub's rule")
    func anchors() {
        #expect(Self.anchor("site.yaml：网站设置") == "siteyaml网站设置")
        #expect(Self.anchor("qcsite forms：生成正式表格") == "qcsite-forms生成正式表格")
        #expect(Self.anchor("`max-per-enterprise`：每单位 限额") == "max-per-enterprise每单位-限额")
    }

    // MARK: Reading Markdown and help text

    /// Heading texts (`## 标题` → `标题`) outside fenced code.
    static func headings(_ markdown: String) -> [String] {
        prose(markdown).split(separator: "\n").compactMap { line in
            guard line.hasPrefix("#") else { return nil }
            let text = line.drop { $0 == "#" }
            return text.first == " " ? text.trimmingCharacters(in: .whitespaces) : nil
        }
    }

    /// The anchor GitHub gives a heading: lower case, every character that is not a letter, mark,
    /// digit, connector, space or hyphen dropped, spaces made hyphens.
    static func anchor(_ heading: String) -> String {
        String(String.UnicodeScalarView(heading.lowercased().unicodeScalars.compactMap { scalar -> Unicode.Scalar? in
            if scalar == " " { return "-" }
            if scalar == "-" { return scalar }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber,
                 .connectorPunctuation:
                return scalar
            default:
                return nil
            }
        }))
    }

    /// Link targets of `[text](target)`, outside code: examples of links in code are not links.
    static func links(_ markdown: String) -> [String] {
        let text = prose(markdown).replacingOccurrences(of: "`[^`\n]*`", with: "", options: .regularExpression)
        let pattern = try! NSRegularExpression(pattern: #"\]\(([^)\s]+)\)"#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }

    /// The text without fenced code blocks.
    static func prose(_ markdown: String) -> String {
        var inFence = false
        return markdown.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                inFence.toggle()
                return false
            }
            return !inFence
        }.joined(separator: "\n")
    }

    /// Subcommand names listed under SUBCOMMANDS in `qcsite --help`.
    static func subcommands(_ help: String) -> [String] {
        guard let section = help.components(separatedBy: "SUBCOMMANDS:").last else { return [] }
        return section.split(separator: "\n").compactMap { line in
            // A command's line starts with two spaces; a wrapped description with more.
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first,
                  name.allSatisfy({ $0.isLowercase || $0 == "-" }) else { return nil }
            return String(name)
        }
    }

    /// `--option` names listed under OPTIONS in a command's help.
    static func options(_ help: String) -> [String] {
        guard let section = help.components(separatedBy: "OPTIONS:").last else { return [] }
        let pattern = try! NSRegularExpression(pattern: #"^\s+(?:-\w, )?(--[a-z][a-z-]*)"#, options: .anchorsMatchLines)
        return pattern.matches(in: section, range: NSRange(section.startIndex..., in: section)).map {
            String(section[Range($0.range(at: 1), in: section)!])
        }
    }
}
