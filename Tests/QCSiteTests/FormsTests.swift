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

/// `qcsite forms`: the official forms written from the archive as real workbooks, read back
/// by the project's own reader, refused over an existing file, and imported once filled in.
@Suite("Forms", .serialized)
struct FormsTests {
    func makeForms(_ fixture: SiteFixture, into folder: String = "forms", force: Bool = false) throws -> (YearForms, [WrittenForm]) {
        _ = try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content", archivePath: fixture.paths.archive)
        let snapshot = try ArchiveDatabase(path: fixture.paths.archive).snapshot()
        let forms = try YearForms.make(snapshot: snapshot, year: 2025, archivePath: "archive.sqlite")
        return (forms, try forms.write(into: fixture.url(folder), displayPath: folder, force: force))
    }

    func read(_ fixture: SiteFixture, _ name: String) throws -> Table {
        try XLSXReader.read(fixture.url("forms/" + name), displayPath: name)
    }

    @Test("Each form's first sheet is the table import reads: its exact headers, and the archive's rows")
    func formsReadBack() throws {
        let fixture = try SiteFixture(FormsFixture.files, withTheme: false)
        defer { fixture.cleanUp() }
        let (forms, written) = try makeForms(fixture)
        #expect(Set(written.map(\.path)) == Set([
            "2025年报名汇总表.xlsx", "2025年评委名单.xlsx", "2025年资料评审评分表-张评委.xlsx", "2025年资料评审评分表-李评委.xlsx",
            "2025年优秀企业申报表.xlsx", "2025年优秀企业获奖情况表.xlsx", "2025年优秀企业论文发表情况表.xlsx",
        ].map { "forms/" + $0 }))
        #expect(forms.notMade.contains { $0.hasPrefix("现场发表评分表") }, "no shortlist yet: \(forms.notMade)")

        let registrations = try read(fixture, "2025年报名汇总表.xlsx")
        let header = YearReader.registrationColumns.map(\.chinese) + ["备注"]
        #expect(registrations.header == header)
        #expect(registrations.rows.map { FormsFixture.cells($0, header.count) } == [
            ["2025-001", "示例甲通信有限公司", "蓝海QC小组", "降低基站退服时长", "问题解决型", "张伟、李娜", "张伟、李娜、王芳", "",
             "2025-08-20", "", "138-0000-0001", "", "", "030001", "成果报告、推荐表PDF", "", ""],
            ["2025-002", "示例乙网络", "先锋QC小组", "研发光缆快速定位装置", "创新型", "赵强、钱敏", "赵强、钱敏", "",
             "2025-08-21", "", "", "", "", "030002", "推荐表PDF", "", "首次参赛"],
            ["2025-003", "示例甲通信", "启明QC小组", "提高工单一次解决率", "问题解决型", "周一、吴二", "", "",
             "2025-08-22", "", "", "", "", "", "", "", ""],
            ["2025-004", "示例乙网络有限公司（北区）", "远航QC小组", "缩短故障修复时长", "问题解决型", "郑三、王四", "", "",
             "2025-08-23", "", "", "", "", "", "", "撤回", ""],
        ])

        let judges = try read(fixture, "2025年评委名单.xlsx")
        #expect(judges.header == ["评委", "单位名称"])
        #expect(judges.rows.map { FormsFixture.cells($0, 2) } == [["张评委", "示例甲通信有限公司"], ["李评委", "示例理工大学"]])

        // 张评委 belongs to 示例甲通信: its entries 001 and 003 are left out (回避), and 004 is withdrawn.
        let own = try read(fixture, "2025年资料评审评分表-张评委.xlsx")
        #expect(own.header == FormsFixture.scoreHeader)
        #expect(own.rows.map { FormsFixture.cells($0, 5) } == [["2025-002", "张评委", "示例乙网络有限公司（北区）", "研发光缆快速定位装置", "创新型"]])
        let outside = try read(fixture, "2025年资料评审评分表-李评委.xlsx")
        #expect(outside.rows.map { $0[0] } == ["2025-001", "2025-002", "2025-003"])
        #expect(outside.rows.allSatisfy { row in row[1] == "李评委" && (5..<13).allSatisfy { row[$0].isEmpty } },
                "items and 总分 start empty: an unscored row must never read as a total of 0")

        #expect(try read(fixture, "2025年优秀企业申报表.xlsx").header == YearReader.applicationColumns.map(\.chinese))
        #expect(try read(fixture, "2025年优秀企业获奖情况表.xlsx").header == YearReader.claimColumns.map(\.chinese))
        #expect(try read(fixture, "2025年优秀企业论文发表情况表.xlsx").header == YearReader.publicationColumns.map(\.chinese))
        #expect(written.filter(\.isPublic).map(\.path).count == 3, "only the empty excellent-enterprise forms may go on a notice")
    }

    @Test("Drop-downs of seal names, types and statuses; each score cell limited to its item's maximum for the row's type")
    func validations() throws {
        let fixture = try SiteFixture(FormsFixture.files, withTheme: false)
        defer { fixture.cleanUp() }
        _ = try makeForms(fixture)
        let registration = try FormsFixture.validations(fixture.url("forms/2025年报名汇总表.xlsx"))
        let enterprise = FormsFixture.validation(of: "B2", in: registration)
        #expect(enterprise?.type == "list" && enterprise?.formula1 == "'可选值'!$A$2:$A$4", "three registered seal names")
        #expect(FormsFixture.validation(of: "B5000", in: registration) == enterprise, "rows staff add are checked too")
        #expect(FormsFixture.validation(of: "E2", in: registration)?.formula1 == "'可选值'!$B$2:$B$3")
        #expect(FormsFixture.validation(of: "I2", in: registration)?.type == "date")
        #expect(FormsFixture.validation(of: "P2", in: registration)?.type == "list")
        #expect(FormsFixture.validation(of: "A2", in: registration) == nil)

        // 李评委's rows: 2025-001 问题解决型, 2025-002 创新型, 2025-003 问题解决型.
        let sheet = try FormsFixture.validations(fixture.url("forms/2025年资料评审评分表-李评委.xlsx"))
        func rule(_ cell: String) -> String {
            guard let v = FormsFixture.validation(of: cell, in: sheet) else { return "none" }
            return v.type == "decimal" ? "\(v.formula1)-\(v.formula2)" : v.type
        }
        #expect(["F2", "G2", "H2", "I2", "J2", "K2", "L2"].map(rule) == ["0-15", "0-30", "textLength", "0-20", "0-20", "0-5", "0-10"])
        #expect(["F3", "G3", "H3", "I3", "J3", "K3", "L3"].map(rule) == ["0-20", "textLength", "0-30", "0-20", "0-15", "0-5", "0-10"])
        #expect(rule("F4") == "0-15" && rule("F5") == "none" && rule("M2") == "none")
    }

    @Test("An existing form is never overwritten without force; all are listed and nothing is written")
    func refusesToOverwrite() throws {
        let fixture = try SiteFixture(FormsFixture.files, withTheme: false)
        defer { fixture.cleanUp() }
        let (forms, written) = try makeForms(fixture)
        let filled = Data("已填写".utf8)
        try fixture.write("forms/2025年评委名单.xlsx", filled)
        let lines = inputErrorLines { _ = try forms.write(into: fixture.url("forms"), displayPath: "forms", force: false) }
        #expect(lines.count == written.count)
        #expect(lines.contains("forms/2025年评委名单.xlsx: 文件已存在，可能是已填写的表格；确需重新生成请加 --force，或用 --into 指定另一个文件夹"))
        #expect(FileManager.default.contents(atPath: fixture.url("forms/2025年评委名单.xlsx").path) == filled)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.url("forms").path).count == written.count, "no temporary file left")

        _ = try forms.write(into: fixture.url("forms"), displayPath: "forms", force: true)
        #expect(try read(fixture, "2025年评委名单.xlsx").rows.count == 2)
    }

    @Test("A year not in the archive is an input error that says to import first")
    func yearNotArchived() throws {
        let fixture = try SiteFixture(FormsFixture.files, withTheme: false)
        defer { fixture.cleanUp() }
        _ = try makeForms(fixture)
        let snapshot = try ArchiveDatabase(path: fixture.paths.archive).snapshot()
        let error = #expect(throws: InputError.self) {
            try YearForms.make(snapshot: snapshot, year: 2030, archivePath: "archive.sqlite")
        }
        #expect(error?.description == "archive.sqlite: 存档中没有 2030 年；请先把 content/years/2030/ 准备好并运行 qcsite import（存档中的年度：2025）")
    }

    @Test("--blank gives only the forms for a notice, without a row of the archive")
    func blankForms() throws {
        let fixture = try SiteFixture(FormsFixture.files, withTheme: false)
        defer { fixture.cleanUp() }
        _ = try makeForms(fixture)
        let snapshot = try ArchiveDatabase(path: fixture.paths.archive).snapshot()
        let written = try YearForms.make(snapshot: snapshot, year: 2025, archivePath: "archive.sqlite", blank: true)
            .write(into: fixture.url("blank"), displayPath: "blank", force: false)
        #expect(written.map(\.path) == ["blank/2025年报名汇总表.xlsx", "blank/2025年优秀企业申报表.xlsx",
                                        "blank/2025年优秀企业获奖情况表.xlsx", "blank/2025年优秀企业论文发表情况表.xlsx"])
        #expect(written.allSatisfy { $0.isPublic })
        let table = try XLSXReader.read(fixture.url("blank/2025年报名汇总表.xlsx"), displayPath: "x")
        #expect(table.header.count == YearReader.registrationColumns.count && table.rows.isEmpty)
    }
}
