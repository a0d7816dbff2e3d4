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

@Suite("Readers")
struct ReaderTests {
    @Test("CSV keeps commas, doubled quotes and line breaks inside quoted cells, and counts lines")
    func csvQuotedCells() throws {
        let text = "编号,课题名称,备注\r\n2024-001,\"降低A、B类基站退服率，提升网络质量\",\"第一行\r\n第二行\"\r\n2024-002,\"他说\"\"好\"\"\",\r\n"
        let table = try CSVReader.parse(text, path: "registrations.csv")
        #expect(table.header == ["编号", "课题名称", "备注"])
        #expect(table.rows.count == 2)
        #expect(table.rows[0].cells == ["2024-001", "降低A、B类基站退服率，提升网络质量", "第一行\n第二行"])
        #expect(table.rows[1].cells == ["2024-002", "他说\"好\"", ""])
        #expect(table.rows[0].line == 2)
        #expect(table.rows[1].line == 4, "a record after a quoted line break starts one line later")
    }

    @Test("CSV with LF line ends, blank lines skipped")
    func csvLF() throws {
        let table = try CSVReader.parse("a,b\n\n1,2\n3,4", path: "t.csv")
        #expect(table.rows.map(\.cells) == [["1", "2"], ["3", "4"]])
        #expect(table.rows.map(\.line) == [3, 4])
    }

    @Test("An unclosed quote names the line it opens on")
    func csvUnclosedQuote() throws {
        #expect(throws: InputError(path: "t.csv", line: 3, "引号未闭合 (a quoted cell is never closed): 检查此行的双引号是否成对")) {
            try CSVReader.parse("a,b\n1,2\n3,\"oops\n4,5\n", path: "t.csv")
        }
    }

    @Test("UTF-8 with BOM, UTF-8 without, and GB18030 bytes decode to the same text")
    func encodings() throws {
        let text = "单位名称,课题名称\n示例移动，太原,降低基站退服时长\n"
        let utf8 = Data(text.utf8)
        let bom = Data([0xEF, 0xBB, 0xBF]) + utf8
        let gb = try #require(gb18030(text))
        #expect(gb != utf8)
        #expect(TextDecoding.decode(utf8)?.text == text)
        #expect(TextDecoding.decode(utf8)?.encoding == .utf8)
        #expect(TextDecoding.decode(bom)?.text == text)
        #expect(TextDecoding.decode(bom)?.encoding == .utf8BOM)
        #expect(TextDecoding.decode(gb)?.text == text)
        #expect(TextDecoding.decode(gb)?.encoding == .gb18030)
    }

    @Test("Bytes that are neither UTF-8 nor GB18030 are an input error for the file")
    func undecodable() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        try fixture.write("bad.csv", Data([0x61, 0x2C, 0x62, 0x0A, 0xFF, 0xFF, 0xFF, 0x0A]))
        #expect(throws: InputError.self) { try CSVReader.read(fixture.url("bad.csv"), displayPath: "bad.csv") }
    }

    @Test("XLSX: first sheet, shared and inline strings, numbers and Excel dates")
    func xlsx() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let url = fixture.url("registrations.xlsx")
        try XLSXFixture.make(rows: [
            [.shared("编号"), .shared("课题名称"), .shared("报名日期"), .shared("人数")],
            [.shared("2023-001"), .inline("提高5G室分覆盖率 & 质量"), .date(45166), .number("7")],
            [.shared("2023-002"), .shared("缩短家宽装机时长"), .date(45000), .number("12.5")],
        ], at: url)
        let table = try XLSXReader.read(url, displayPath: "registrations.xlsx")
        #expect(table.header == ["编号", "课题名称", "报名日期", "人数"])
        #expect(table.rows[0].cells == ["2023-001", "提高5G室分覆盖率 & 质量", "2023-08-28", "7"])
        #expect(table.rows[1].cells == ["2023-002", "缩短家宽装机时长", "2023-03-15", "12.5"])
        #expect(table.rows.map(\.line) == [2, 3])
    }

    @Test("A file that is not a workbook is an input error")
    func xlsxBroken() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        try fixture.write("r.xlsx", "not a zip")
        #expect(throws: InputError.self) { try XLSXReader.read(fixture.url("r.xlsx"), displayPath: "r.xlsx") }
    }

    @Test("Dates as staff type them", arguments: [
        ("2024-08-30", "2024-08-30"), ("2024/8/30", "2024-08-30"), ("2024年8月30日", "2024-08-30"),
        ("20240830", "2024-08-30"), ("2024.8.3", "2024-08-03"), ("２０２４－０８－３０", "2024-08-30"),
    ])
    func dates(input: String, expected: String) {
        #expect(DateText.iso(input) == expected)
    }

    @Test("Texts that are no date", arguments: ["2024-02-30", "2023-02-29", "下周一", "2024-13-01", "8月30日", ""])
    func notDates(input: String) {
        #expect(DateText.iso(input) == nil)
    }

    @Test("Markdown front matter and body")
    func frontMatter() throws {
        let md = try MarkdownFile.parse("---\ntitle: 关于开展竞赛的通知\ndate: 2024-08-15\n---\n# 正文\n", path: "n.md")
        #expect(md.string("title") == "关于开展竞赛的通知")
        #expect(md.string("date") == "2024-08-15")
        #expect(md.body == "# 正文\n")
    }

    @Test("A YAML error names the file line, counting the front matter's opening line")
    func yamlErrorLine() throws {
        do {
            _ = try MarkdownFile.parse("---\ntitle: a\ndate: [2024\n---\n", path: "n.md")
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.path == "n.md")
            #expect(error.line == 3, "the line of the unclosed bracket")
        }
    }

    private func gb18030(_ text: String) -> Data? {
        TextDecoding.gb18030Data(text)
    }
}
