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

/// Staff's round with `qcsite forms`, run as the binary: forms out, filled in, dropped into the
/// year folder, imported with no error, and the archive holding exactly what was typed.
@Suite("Forms round trip", .serialized)
struct FormsRoundTripTests {
    let forms = "content/years/2025/files/forms/"

    /// Extra columns in one stable order.
    static func text(_ extra: [String: String]) -> String {
        extra.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    /// Archived registrations without where they were read from, which a form changes by design.
    func registrationFields(_ year: YearRecords) -> [[String]] {
        year.registrations.map { r in
            let people = year.people.filter { $0.registrationId == r.id }.map { "\($0.role.rawValue)\($0.position)\($0.name)" }
            let materials = year.materials.filter { $0.registrationId == r.id }.map(\.material)
            return [r.id, r.enterpriseId, r.enterpriseNameAsWritten, r.groupName, r.title, r.type, r.tutor, r.registeredOn ?? "-",
                    r.contact, r.phone, r.email, r.address, r.postcode, r.status.rawValue, Self.text(r.extra)]
                + people + materials.sorted()
        }
    }

    /// Scores by 编号 and judge: each item typed, and the total import computed.
    func scores(_ year: YearRecords, _ round: ScoreRound) -> [String: [String: Double]] {
        var result: [String: [String: Double]] = [:]
        for scored in year.sheets where scored.sheet.round == round {
            let sheet = scored.sheet
            #expect(sheet.hasItems)
            var items = Dictionary(uniqueKeysWithValues: scored.items.map { ($0.item, $0.score) })
            items["总分"] = sheet.total
            result["\(sheet.registrationId) \(sheet.judge)"] = items
        }
        return result
    }

    func snapshot(_ fixture: SiteFixture) throws -> YearRecords {
        try #require(try ArchiveDatabase(path: fixture.paths.archive).snapshot().year(2025))
    }

    func runImport(_ fixture: SiteFixture) throws {
        let run = try QCSiteBinary.run(["import"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("输入错误"), "\(run.stderr)")
    }

    @Test("A notice attaching a form filled from the archive (contacts inside) is refused at its line; the blank form goes through")
    func filledFormIsNoAttachment() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let fixture = try SiteFixture(FormsFixture.files, withTheme: false)
        defer { fixture.cleanUp() }
        try runImport(fixture)
        #expect(try QCSiteBinary.run(["forms", "2025"], in: fixture.root).status == 0)
        #expect(try QCSiteBinary.run(["forms", "2025", "--blank", "--into", "content/years/2025/files/blank"], in: fixture.root).status == 0)
        func notice(_ file: String) throws {
            try fixture.write("content/notices/2025-08-01-call.md", """
                ---
                title: 报名通知
                date: 2025-08-01
                year: 2025
                attachments:
                  - title: 报名汇总表
                    file: \(file)
                ---
                请填写附件。
                """)
        }
        try notice("years/2025/files/forms/2025年报名汇总表.xlsx")
        let refused = try QCSiteBinary.run(["import"], in: fixture.root)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("content/notices/2025-08-01-call.md:7: 附件「years/2025/files/forms/2025年报名汇总表.xlsx」是 qcsite forms 从存档填入数据的内部表格"),
                "\(refused.stderr)")
        try notice("years/2025/files/blank/2025年报名汇总表.xlsx")
        try runImport(fixture)
    }

    @Test("Forms filled in and imported: zero errors, and the archive holds exactly the filled values")
    func roundTrip() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let fixture = try SiteFixture(FormsFixture.files, withTheme: false)
        defer { fixture.cleanUp() }
        let missing = try QCSiteBinary.run(["forms", "2025"], in: fixture.root)
        #expect(missing.status == 2 && missing.stderr.contains("run qcsite import first"), "\(missing.stderr)")
        try runImport(fixture)
        let before = try snapshot(fixture)
        let made = try QCSiteBinary.run(["forms", "2025"], in: fixture.root)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stderr.contains("已写入 7 份表格到 content/years/2025/files/forms"), "\(made.stderr)")

        // Staff add a late registration to the summary and save it as the year's table.
        let year = "content/years/2025/"
        try XLSXFiller.fill(fixture.url(forms + "2025年报名汇总表.xlsx"), [
            "A6": .text("2025-005"), "B6": .text("示例乙网络有限公司（北区）"), "C6": .text("新星QC小组"),
            "D6": .text("降低机房能耗"), "E6": .text("问题解决型"), "F6": .text("孙五、李六"), "I6": .date(FormsFixture.serial("2025-08-25")),
            "N6": .text("030006"),
        ], to: fixture.url(year + "registrations.xlsx"))
        try fixture.remove(year + "registrations.csv")
        try FileManager.default.copyItem(at: fixture.url(forms + "2025年评委名单.xlsx"), to: fixture.url(year + "judges.xlsx"))
        try fixture.remove(year + "judges.csv")
        // Each judge returns a sheet; staff drop them, as they are, into scores/material/.
        try FileManager.default.createDirectory(at: fixture.url(year + "scores/material"), withIntermediateDirectories: true)
        try XLSXFiller.fill(fixture.url(forms + "2025年资料评审评分表-张评委.xlsx"), [
            "F2": .number(18), "H2": .number(25.5), "I2": .number(17), "J2": .number(13), "K2": .number(4.5), "L2": .number(9),
        ], to: fixture.url(year + "scores/material/张评委.xlsx"))
        try XLSXFiller.fill(fixture.url(forms + "2025年资料评审评分表-李评委.xlsx"), [
            "F2": .number(12), "G2": .number(25), "I2": .number(16), "J2": .number(17), "K2": .number(4), "L2": .number(8),
            "F3": .number(17), "H3": .number(27), "I3": .number(18), "J3": .number(12), "K3": .number(4), "L3": .number(8.5),
            "F4": .number(13), "G4": .number(26), "I4": .number(15), "J4": .number(16), "K4": .number(4.5), "L4": .number(7),
        ], to: fixture.url(year + "scores/material/李评委.xlsx"))
        try XLSXFiller.fill(fixture.url(forms + "2025年优秀企业申报表.xlsx"), [
            "A2": .text("2025-E01"), "B2": .text("示例甲通信有限公司"), "C2": .text("示例通信集团有限公司"),
            "D2": .text("坚持开展QC小组活动。"), "F2": .text("刘文静"), "G2": .text("138-0000-7807"),
        ], to: fixture.url(year + "excellent-enterprises.xlsx"))
        try XLSXFiller.fill(fixture.url(forms + "2025年优秀企业获奖情况表.xlsx"), [
            "A2": .text("2025-E01"), "B2": .number(2024), "C2": .text("蓝海QC小组"), "D2": .text("降低基站断站时长"), "E2": .text("一等奖"),
        ], to: fixture.url(year + "claims.xlsx"))
        try XLSXFiller.fill(fixture.url(forms + "2025年优秀企业论文发表情况表.xlsx"), [
            "A2": .text("2025-E01"), "B2": .text("QC方法在基站维护中的应用"), "C2": .text("《示例质量》"), "D2": .text("省级"),
            "E2": .date(FormsFixture.serial("2024-05-06")),
        ], to: fixture.url(year + "publications.xlsx"))
        try runImport(fixture)

        let after = try snapshot(fixture)
        #expect(Array(registrationFields(after).prefix(4)) == registrationFields(before), "the pre-filled rows come back unchanged")
        #expect(registrationFields(after).last == ["2025-005", "demo-b", "示例乙网络有限公司（北区）", "新星QC小组", "降低机房能耗", "问题解决型",
                                                   "", "2025-08-25", "", "", "", "", "030006", "active", "", "presenter1孙五", "presenter2李六"])
        #expect(after.judges.map { [$0.name, $0.enterpriseId ?? "-", $0.organisation] } == before.judges.map { [$0.name, $0.enterpriseId ?? "-", $0.organisation] })
        #expect(scores(after, .material) == [
            "2025-002 张评委": ["选题": 18, "提出方案并确定最佳方案": 25.5, "对策与实施": 17, "效果": 13, "成果报告": 4.5, "特点": 9, "总分": 87],
            "2025-001 李评委": ["选题": 12, "原因分析": 25, "对策与实施": 16, "效果": 17, "成果报告": 4, "特点": 8, "总分": 82],
            "2025-002 李评委": ["选题": 17, "提出方案并确定最佳方案": 27, "对策与实施": 18, "效果": 12, "成果报告": 4, "特点": 8.5, "总分": 86.5],
            "2025-003 李评委": ["选题": 13, "原因分析": 26, "对策与实施": 15, "效果": 16, "成果报告": 4.5, "特点": 7, "总分": 81.5],
        ])
        #expect(after.applications.map { [$0.id, $0.enterpriseId, $0.memberUnitId ?? "-", $0.profile, $0.contact, $0.phone, $0.result] }
                == [["2025-E01", "demo-a", "demo-group", "坚持开展QC小组活动。", "刘文静", "138-0000-7807", ""]])
        #expect(after.claims.map { "\($0.applicationId) \($0.claimedYear) \($0.groupName) \($0.title) \($0.award)" }
                == ["2025-E01 2024 蓝海QC小组 降低基站断站时长 一等奖"])
        #expect(after.publications.map { [$0.applicationId, $0.title, $0.venue, $0.level, $0.publishedOn ?? "-"] }
                == [["2025-E01", "QC方法在基站维护中的应用", "《示例质量》", "省级", "2024-05-06"]])

        // The filled forms are still in files/forms: made again, they are refused, not overwritten.
        let refused = try QCSiteBinary.run(["forms", "2025"], in: fixture.root)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains(forms + "2025年报名汇总表.xlsx: 文件已存在"), "\(refused.stderr)")

        // With the material scores in, the shortlist (size 2) is 2025-002 (86.75) and 2025-001 (82).
        let again = try QCSiteBinary.run(["forms", "2025", "--force"], in: fixture.root)
        #expect(again.status == 0, "\(again.stderr)")
        let material = try XLSXReader.read(fixture.url(forms + "2025年资料评审评分表-张评委.xlsx"), displayPath: "x")
        #expect(FormsFixture.cells(material.rows[0], 12) == ["2025-002", "张评委", "示例乙网络有限公司（北区）", "研发光缆快速定位装置", "创新型",
                                                               "18", "", "25.5", "17", "13", "4.5", "9"], "a form made again keeps the scores given")
        #expect(material.rows[0][12] == "87", "the total shows the archived sum until Excel recalculates")
        let onsiteOwn = try XLSXReader.read(fixture.url(forms + "2025年现场发表评分表-张评委.xlsx"), displayPath: "x")
        #expect(onsiteOwn.rows.map { $0[0] } == ["2025-002"], "2025-001 is of the judge's own enterprise")
        let onsite = try XLSXReader.read(fixture.url(forms + "2025年现场发表评分表-李评委.xlsx"), displayPath: "x")
        #expect(onsite.rows.map { $0[0] } == ["2025-001", "2025-002"], "by 编号, never in rank order")

        try FileManager.default.createDirectory(at: fixture.url(year + "scores/onsite"), withIntermediateDirectories: true)
        try XLSXFiller.fill(fixture.url(forms + "2025年现场发表评分表-李评委.xlsx"), [
            "F2": .number(14), "G2": .number(28), "I2": .number(18), "J2": .number(18), "K2": .number(5), "L2": .number(9),
            "F3": .number(19), "H3": .number(28.5), "I3": .number(19), "J3": .number(14), "K3": .number(5), "L3": .number(9.5),
        ], to: fixture.url(year + "scores/onsite/李评委.xlsx"))
        try XLSXFiller.fill(fixture.url(forms + "2025年现场发表评分表-张评委.xlsx"), [
            "F2": .number(19.5), "H2": .number(29), "I2": .number(19), "J2": .number(14.5), "K2": .number(5), "L2": .number(10),
        ], to: fixture.url(year + "scores/onsite/张评委.xlsx"))
        try runImport(fixture)
        #expect(scores(try snapshot(fixture), .onsite) == [
            "2025-001 李评委": ["选题": 14, "原因分析": 28, "对策与实施": 18, "效果": 18, "成果报告": 5, "特点": 9, "总分": 92],
            "2025-002 李评委": ["选题": 19, "提出方案并确定最佳方案": 28.5, "对策与实施": 19, "效果": 14, "成果报告": 5, "特点": 9.5, "总分": 95],
            "2025-002 张评委": ["选题": 19.5, "提出方案并确定最佳方案": 29, "对策与实施": 19, "效果": 14.5, "成果报告": 5, "特点": 10, "总分": 97],
        ])
        let check = try QCSiteBinary.run(["check", "--year", "2025", "--format", "json"], in: fixture.root)
        #expect(!check.stdout.contains("judge-conflict") && !check.stdout.contains("score-range"), "\(check.stdout)")
    }

    @Test("The demo's 2024, every table replaced by its form as written, imports to the same records")
    func demoYearThroughForms() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        try FileManager.default.copyItem(at: SiteFixture.repository.appendingPathComponent("content"), to: fixture.url("content"))
        _ = try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content", archivePath: fixture.paths.archive)
        let before = try #require(try ArchiveDatabase(path: fixture.paths.archive).snapshot().year(2024))
        let forms = try YearForms.make(snapshot: ArchiveDatabase(path: fixture.paths.archive).snapshot(), year: 2024, archivePath: "archive.sqlite")
        let written = try forms.write(into: fixture.url("forms"), displayPath: "forms", force: false)

        let year = fixture.url("content/years/2024")
        for table in ["registrations.csv", "judges.csv", "excellent-enterprises.csv", "claims.csv", "publications.csv", "scores"] {
            try FileManager.default.removeItem(at: year.appendingPathComponent(table))
        }
        for form in written {
            let source = fixture.root.appendingPathComponent(form.path)
            let target = form.importAs.hasSuffix("/") ? form.importAs + source.lastPathComponent : form.importAs
            try FileManager.default.createDirectory(at: year.appendingPathComponent(target).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: year.appendingPathComponent(target))
        }
        _ = try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content", archivePath: fixture.paths.archive)
        let after = try #require(try ArchiveDatabase(path: fixture.paths.archive).snapshot().year(2024))

        #expect(registrationFields(after) == registrationFields(before))
        #expect(after.judges.map { [$0.name, $0.enterpriseId ?? "-", $0.organisation, Self.text($0.extra)] }
                == before.judges.map { [$0.name, $0.enterpriseId ?? "-", $0.organisation, Self.text($0.extra)] })
        #expect(!scores(before, .material).isEmpty && scores(after, .material) == scores(before, .material))
        #expect(!scores(before, .onsite).isEmpty && scores(after, .onsite) == scores(before, .onsite))
        func applications(_ y: YearRecords) -> [[String]] {
            y.applications.map { [$0.id, $0.enterpriseId, $0.memberUnitId ?? "-", $0.memberUnitAsWritten, $0.profile, $0.result,
                                  $0.contact, $0.phone, $0.email, $0.address, $0.postcode, Self.text($0.extra)] }
        }
        func claims(_ y: YearRecords) -> [String] {
            y.claims.map { "\($0.applicationId) \($0.position) \($0.claimedYear) \($0.groupName) \($0.title) \($0.award) \(Self.text($0.extra))" }
        }
        func publications(_ y: YearRecords) -> [String] {
            y.publications.map { "\($0.applicationId) \($0.position) \($0.title) \($0.venue) \($0.level) \($0.publishedOn ?? "-") \(Self.text($0.extra))" }
        }
        #expect(!applications(before).isEmpty && applications(after) == applications(before))
        #expect(!claims(before).isEmpty && claims(after) == claims(before))
        #expect(!publications(before).isEmpty && publications(after) == publications(before))
    }
}
