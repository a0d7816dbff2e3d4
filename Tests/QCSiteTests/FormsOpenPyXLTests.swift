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

/// The forms through a second, independent reader: openpyxl sees the same headers, rows and
/// validations, and a sheet it fills in (formulas without cached values) imports as typed.
@Suite("Forms in openpyxl", .serialized)
struct FormsOpenPyXLTests {
    struct Workbook: Decodable {
        struct Validation: Decodable, Equatable {
            var type: String
            var sqref: String
            var formula1: String
            var formula2: String
            var alert: String
            var values: [String]
        }

        var sheets: [String]
        var rows: [[String]]
        var validations: [Validation]

        func validation(_ cell: String) -> Validation? {
            validations.first { $0.sqref.split(separator: " ").contains { range in
                FormsFixture.validation(of: cell, in: [.init(type: "", sqref: String(range), formula1: "", formula2: "")]) != nil
            } }
        }
    }

    @Test("openpyxl opens every form and sees its headers, rows, drop-down lists and score limits",
          .enabled(if: OpenPyXL.isAvailable, "python3 with openpyxl is not installed (apt-get install python3-openpyxl): the second reader is skipped"))
    func secondReader() throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try SiteFixture(FormsFixture.files, withTheme: false)
        defer { fixture.cleanUp() }
        #expect(try QCSiteBinary.run(["import"], in: fixture.root).status == 0)
        #expect(try QCSiteBinary.run(["forms", "2025", "--into", "forms"], in: fixture.root).status == 0)
        let run = try OpenPyXL.run(OpenPyXL.describe, arguments: [fixture.url("forms").path])
        #expect(run.status == 0, "\(run.stderr)")
        let books = try JSONDecoder().decode([String: Workbook].self, from: Data(run.stdout.utf8))
        #expect(books.count == 7)
        for (name, book) in books {
            #expect(book.sheets.count >= 2 && book.sheets[1] == "填写说明", "\(name): the table first, the help second")
            #expect(!book.rows.isEmpty && !book.rows[0].contains(""), "\(name): a header in the first row, no empty header")
        }

        let registration = try #require(books["2025年报名汇总表.xlsx"])
        #expect(registration.sheets == ["报名汇总表", "填写说明", "可选值"])
        #expect(registration.rows[0] == YearReader.registrationColumns.map(\.chinese) + ["备注"])
        #expect(registration.rows.dropFirst().map { [$0[0], $0[1], $0[8], $0[13], $0[15]] } == [
            ["2025-001", "示例甲通信有限公司", "2025-08-20", "030001", ""], ["2025-002", "示例乙网络", "2025-08-21", "030002", ""],
            ["2025-003", "示例甲通信", "2025-08-22", "", ""], ["2025-004", "示例乙网络有限公司（北区）", "2025-08-23", "", "撤回"],
        ])
        #expect(registration.validation("B2")?.values == ["示例乙网络有限公司（北区）", "示例甲通信有限公司", "示例通信集团有限公司"])
        #expect(registration.validation("B2")?.alert == "warning", "an alias the registry knows may still be typed")
        #expect(registration.validation("E9")?.values == ["问题解决型", "创新型"])
        #expect(registration.validation("P2")?.values == ["正常", "撤回", "取消资格"])
        #expect(registration.validation("I2")?.type == "date")

        let judges = try #require(books["2025年评委名单.xlsx"])
        #expect(judges.rows == [["评委", "单位名称"], ["张评委", "示例甲通信有限公司"], ["李评委", "示例理工大学"]])
        #expect(judges.validation("B2")?.alert == "information", "a judge from a university is let through")

        let sheet = try #require(books["2025年资料评审评分表-李评委.xlsx"])
        #expect(sheet.rows[0] == FormsFixture.scoreHeader)
        #expect(sheet.rows.dropFirst().map { Array($0.prefix(2)) } == [["2025-001", "李评委"], ["2025-002", "李评委"], ["2025-003", "李评委"]])
        #expect(sheet.validation("F2").map { [$0.type, $0.formula1, $0.formula2] } == ["decimal", "0", "15"])
        #expect(sheet.validation("F3").map { [$0.type, $0.formula1, $0.formula2] } == ["decimal", "0", "20"])
        #expect(sheet.validation("H3").map { [$0.type, $0.formula2] } == ["decimal", "30"])
        #expect(sheet.validation("H2")?.type == "textLength", "创新型's item is closed on a 问题解决型 row")
        #expect(sheet.rows[1][12].hasPrefix("=IF(COUNT(F2:L2)=0"), "总分 sums the row's items")

        for name in ["2025年优秀企业申报表.xlsx", "2025年优秀企业获奖情况表.xlsx", "2025年优秀企业论文发表情况表.xlsx"] {
            #expect(books[name]?.rows.count == 1, "\(name): no application archived yet")
        }
        #expect(books["2025年优秀企业申报表.xlsx"]?.validation("C2")?.values == ["示例通信集团有限公司"], "member units")
        #expect(books["2025年优秀企业获奖情况表.xlsx"]?.validation("E2")?.values == ["一等奖", "二等奖", "三等奖", "优秀奖"])
        #expect(books["2025年优秀企业论文发表情况表.xlsx"]?.validation("D2")?.values == ["国际", "国家级", "省级", "市级"])
    }

    @Test("A score sheet filled in by openpyxl, with its formula left uncalculated, imports as typed",
          .enabled(if: OpenPyXL.isAvailable, "python3 with openpyxl is not installed (apt-get install python3-openpyxl): the second writer is skipped"))
    func secondWriter() throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try SiteFixture(FormsFixture.files, withTheme: false)
        defer { fixture.cleanUp() }
        #expect(try QCSiteBinary.run(["import"], in: fixture.root).status == 0)
        #expect(try QCSiteBinary.run(["forms", "2025", "--into", "forms"], in: fixture.root).status == 0)
        try FileManager.default.createDirectory(at: fixture.url("content/years/2025/scores/material"), withIntermediateDirectories: true)
        let run = try OpenPyXL.run(OpenPyXL.fill, arguments: [
            fixture.url("forms/2025年资料评审评分表-张评委.xlsx").path,
            fixture.url("content/years/2025/scores/material/张评委.xlsx").path,
            #"{"F2": 18.5, "H2": 26, "I2": 17, "J2": 12, "K2": 4, "L2": 9}"#,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let imported = try QCSiteBinary.run(["import"], in: fixture.root)
        #expect(imported.status == 0, "\(imported.stderr)")
        let year = try #require(try ArchiveDatabase(path: fixture.paths.archive).snapshot().year(2025))
        #expect(year.sheets.map { "\($0.sheet.registrationId) \($0.sheet.judge) \($0.sheet.total)" } == ["2025-002 张评委 86.5"])
        #expect(Dictionary(uniqueKeysWithValues: year.sheets[0].items.map { ($0.item, $0.score) })
                == ["选题": 18.5, "提出方案并确定最佳方案": 26, "对策与实施": 17, "效果": 12, "成果报告": 4, "特点": 9])
    }
}
