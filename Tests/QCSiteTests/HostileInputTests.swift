import Foundation
import Testing
@testable import Archive
@testable import Content
@testable import Diagnostics
@testable import Disclosure
@testable import Forms
@testable import Preview
@testable import Publishing
@testable import Rules
@testable import SafePaths
@testable import SiteBuild
@testable import SiteSettings
@testable import TextKeys

/// Tables, workbooks, YAML and Markdown as a hostile entrant would send them: each is a located
/// input error (or reads as it should), never a crash, a hang or gigabytes of memory.
@Suite("Hostile inputs")
struct HostileInputTests {
    static let corpus = SiteFixture.repository.appendingPathComponent("Tests/QCSiteTests/Fixtures/hostile")

    /// The corpus cases: folders with files laid over a small valid site and `expected.txt`.
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: corpus.appendingPathComponent("\($0)/expected.txt").path) }.sorted()
    }()

    /// site.yaml, the registry and a 2024 competition.yaml: no error of its own.
    static func baseSite() throws -> SiteFixture {
        try SiteFixture([
            "content/site.yaml": "title: 示例竞赛\nbase_url: https://qc.example.org/\n",
            "content/enterprises.yaml": SiteFixture.enterprises,
            "content/years/2024/competition.yaml": SiteFixture.competition(2024),
        ], withTheme: false)
    }

    static func errors(of fixture: SiteFixture, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        inputErrorLines({ _ = try ContentReader.read(fixture.url("content")) }, sourceLocation: sourceLocation)
    }

    @Test("The corpus is all there")
    func corpusIsThere() {
        #expect(Self.cases.count >= 25, "\(Self.cases)")
    }

    @Test("Every case of the corpus gives exactly the errors of its expected.txt", arguments: cases)
    func corpusCase(_ name: String) throws {
        let fixture = try Self.baseSite()
        defer { fixture.cleanUp() }
        let folder = Self.corpus.appendingPathComponent(name)
        for path in FileList.files(under: folder) where path != "expected.txt" {
            try fixture.write(path, Data(contentsOf: folder.appendingPathComponent(path)))
        }
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let lines = Self.errors(of: fixture)
        #expect(lines.count == expected.count, "\(name): \(lines)")
        for line in expected {
            #expect(lines.contains { $0.hasPrefix(line) }, "\(name): no error begins «\(line)»; got \(lines)")
        }
    }

    // MARK: Cases too large, or too odd, to keep as files

    @Test("A cell beyond Excel's 32,767 characters is an error of its line, and is not held")
    func longCell() throws {
        let fixture = try Self.baseSite()
        defer { fixture.cleanUp() }
        try fixture.write("content/years/2024/registrations.csv", SiteFixture.registrationHeader + "\n"
            + "2024-001,示例甲通信,g,\(String(repeating: "长", count: 50_000)),问题解决型,张伟、李娜,,2024-08-20,,,\n")
        #expect(Self.errors(of: fixture) == [
            "content/years/2024/registrations.csv:2: 第 4 列（课题名称）有 50000 个字符，超过单元格上限 32767 个字符 (cell too long)；请缩短或删除",
        ])
    }

    @Test("A run lists its first 200 errors and counts the rest")
    func errorCap() throws {
        let fixture = try Self.baseSite()
        defer { fixture.cleanUp() }
        let rows = (1...1000).map { "2024-\($0),示例无名公司,g,t,问题解决型,张伟、李娜,,2024-08-20,,," }
        try fixture.write("content/years/2024/registrations.csv", ([SiteFixture.registrationHeader] + rows).joined(separator: "\n"))
        do {
            _ = try ContentReader.read(fixture.url("content"))
            Issue.record("expected input errors")
        } catch let errors as InputErrors {
            #expect(errors.errors.count == 200)
            #expect(errors.count == 1000)
            #expect(errors.errors.last?.line == 201)
            #expect(errors.description.contains("另有 800 处错误未列出"))
            #expect(errors.description.hasSuffix("共 1000 处输入错误 (1000 input errors)"))
            #expect(errors.description.split(separator: "\n").count == 202)
        }
    }

    @Test("A table of more than 50,000 rows is an error at the first row too many; reading stops there")
    func rowLimit() throws {
        let fixture = try Self.baseSite()
        defer { fixture.cleanUp() }
        let rows = String(repeating: "x,y\n", count: InputLimits.dataRows + 1)
        try fixture.write("t.csv", "a,b\n" + rows + "\"never closed\n")
        #expect(throws: InputError(path: "t.csv", line: InputLimits.dataRows + 2,
                                   "表格超过 50000 行数据 (too many rows)；请检查是否多出了空白或重复的行，或把表格拆分")) {
            try CSVReader.read(fixture.url("t.csv"), displayPath: "t.csv")
        }
    }

    @Test("Files beyond their size limit are refused before they are read", arguments: [
        ("content/years/2024/registrations.csv", 64), ("content/years/2024/registrations.xlsx", 64),
        ("content/enterprises.yaml", 4), ("content/notices/2024-08-15-big.md", 2),
    ])
    func fileSizes(path: String, mebibytes: Int) throws {
        let fixture = try Self.baseSite()
        defer { fixture.cleanUp() }
        try fixture.write(path, "")
        let handle = try FileHandle(forWritingTo: fixture.url(path))
        try handle.truncate(atOffset: UInt64(mebibytes << 20) + 1)  // sparse: nothing is written
        try handle.close()
        let lines = Self.errors(of: fixture)
        #expect(lines.contains { $0.hasPrefix("\(path): 文件有 \(mebibytes) MiB，超过上限 \(mebibytes) MiB") }, "\(lines)")
    }

    @Test("A file is read whole up to its limit; one byte more, or a folder, is an error of the file")
    func readFileLimits() throws {
        let fixture = try Self.baseSite()
        defer { fixture.cleanUp() }
        let text = String(repeating: "甲乙", count: 5000) + "\n"
        try fixture.write("a.md", text)
        let size = text.utf8.count
        #expect(try InputLimits.readFile(fixture.url("a.md"), displayPath: "a.md", limit: size) == Data(text.utf8))
        #expect(throws: InputError(path: "a.md", line: 0, "文件有 29 KiB，超过上限 29 KiB (file too large)；请检查是否选错了文件，或删除多余的内容")) {
            try InputLimits.readFile(fixture.url("a.md"), displayPath: "a.md", limit: size - 1)
        }
        #expect(throws: InputError.self) { try InputLimits.readFile(fixture.url("content"), displayPath: "content", limit: 100) }
        #expect(try InputLimits.readFile(fixture.url("content/site.yaml"), displayPath: "site.yaml", limit: 1 << 20)
            == FileManager.default.contents(atPath: fixture.url("content/site.yaml").path))
    }

    @Test("A notice file name with a backslash is an error asking for a rename")
    func backslashSlug() throws {
        let fixture = try Self.baseSite()
        defer { fixture.cleanUp() }
        try fixture.write("content/notices/a\\b.md", "---\ntitle: 通知\ndate: 2024-08-15\n---\n正文\n")
        let lines = Self.errors(of: fixture)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("content/notices/a\\b.md: 文件名「a\\b」含有不允许的字符 \\：") == true)
        #expect(lines.first?.contains("请把文件改名") == true)
    }

    // MARK: Large inputs that must read

    @Test("A workbook whose sheet XML is over 10 MB, more than XMLParser takes in one piece, imports")
    func largeWorkbook() throws {
        let fixture = try Self.baseSite()
        defer { fixture.cleanUp() }
        let header: [XLSXFixture.Cell] = ["编号", "单位名称", "小组名称", "课题名称", "课题类型", "发表人", "备注"].map { .shared($0) }
        let remark = String(repeating: "本成果材料齐全，已由单位盖章推荐。", count: 100)
        let rows = (1...2_000).map { n -> [XLSXFixture.Cell] in
            [.inline(String(format: "2024-%05d", n)), .shared("示例甲通信有限公司"), .inline("第\(n)QC小组"),
             .inline("降低基站退服时长的研究第\(n)号"), .shared("问题解决型"), .inline("张伟、李娜、王芳"), .inline(remark)]
        }
        let url = fixture.url("content/years/2024/registrations.xlsx")
        try XLSXFixture.make(rows: [header] + rows, at: url)
        let sheet = try #require(try ZipDirectory(url: url).entry("xl/worksheets/sheet1.xml"))
        #expect(sheet.uncompressedSize > 10_000_000)
        let site = try ContentReader.read(fixture.url("content"))
        let registrations = try #require(site.years.first).registrations
        #expect(registrations.count == 2_000)
        #expect(registrations.last?.id == "2024-02000")
        #expect(registrations.last?.sourceLine == 2_001)
        #expect(registrations.last?.extra.values.first == remark)
    }

    @Test("CSV read in chunks: GB18030, UTF-8 and UTF-16 characters and CRLF split across chunk boundaries read whole")
    func chunkBoundaries() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        // Odd cell lengths move the boundaries of the 64 KiB chunks through every kind of character.
        let rows = (1...3000).map { n in ["2024-\(n)", String(repeating: "降低𠀀基站退服时长", count: n % 7 + 1), "\"第\(n)行\r\n第二行\""] }
        let text = "编号,课题名称,备注\r\n" + rows.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        let expected = rows.map { [$0[0], $0[1], "第\($0[0].dropFirst(5))行\n第二行"] }
        let utf16 = Data([0xFF, 0xFE]) + text.replacingOccurrences(of: ",", with: "\t").data(using: .utf16LittleEndian)!
        for (name, data) in [("gb.csv", try #require(TextDecoding.gb18030Data(text))), ("utf8.csv", Data(text.utf8)),
                             ("bom.csv", Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)), ("utf16.csv", utf16)] {
            #expect(data.count > 3 << 16, "\(name) spans several chunks")
            try fixture.write(name, data)
            let table = try CSVReader.read(fixture.url(name), displayPath: name)
            #expect(table.header == ["编号", "课题名称", "备注"], "\(name)")
            #expect(table.rows.map(\.cells) == expected, "\(name)")
            #expect(table.rows.last?.line == 6000, "\(name): a quoted line break counts as a line")
        }
    }
}
