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

/// A seeded, deterministic mutator over valid CSV, XLSX and YAML inputs: whatever the bytes, the
/// XML inside a workbook or its zip directory become, a reader returns a table or throws input
/// errors — it never crashes (a trap ends the test run), never hangs (the time limit), and never
/// throws anything else. Fixed seeds and counts keep it the same on every run; for a longer run,
/// `QCSITE_FUZZ_SEEDS=200 swift test --filter ReaderFuzzTests` tries seeds 1…200.
@Suite("Reader fuzzing", .timeLimit(.minutes(10)))
struct ReaderFuzzTests {
    static let seeds: [UInt64] = Array(1...(ProcessInfo.processInfo.environment["QCSITE_FUZZ_SEEDS"].flatMap(UInt64.init) ?? 3))

    @Test("CSV: mutated tables read or give input errors", arguments: seeds)
    func csv(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let text = SiteFixture.registrationHeader + "\r\n"
            + "2024-001,示例甲通信,蓝海QC小组,\"降低基站\"\"退服\"\"时长\n第二行\",问题解决型,张伟、李娜,,2024-08-20,,,\r\n"
            + "2024-002,示例乙网络,先锋QC小组,提高5G覆盖率,创新型,赵强,,2024/8/21,,,撤回\n"
        let originals = [Data(text.utf8), TextDecoding.gb18030Data(text)!, Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!]
        for round in 0..<400 {
            let input = Mutator.mutate(originals[round % originals.count], using: &random)
            try fixture.write("t.csv", input)
            Self.expectTableOrInputErrors("CSV round \(round)") { _ = try CSVReader.read(fixture.url("t.csv"), displayPath: "t.csv") }
        }
    }

    @Test("XLSX: mutated sheet XML, shared strings and zip bytes read or give input errors", arguments: seeds)
    func xlsx(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let parts = WorkbookParts.parts(rows: [
            ["编号", "单位名称", "课题名称", "报名日期"],
            ["2024-001", "示例甲通信 &amp; 子公司", "降低_x000D_基站退服时长", "45524"],
            ["2024-002", "示例乙网络", "提高<![CDATA[5G]]>覆盖率", "1e300"],
        ])
        let url = fixture.url("t.xlsx")
        for round in 0..<300 {
            var mutated = parts
            switch round % 3 {
            case 0:  // the XML of one part
                let name = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"][random.next(below: 4)]
                mutated[name] = Mutator.mutate(parts[name]!, using: &random)
                try WorkbookParts.zip(mutated, to: url)
            case 1:  // the zip's bytes, its directory at the end most of all
                try WorkbookParts.zip(parts, to: url)
                try Mutator.mutate(Data(contentsOf: url), using: &random, favouringEnd: true).write(to: url)
            default:  // both
                mutated["xl/worksheets/sheet1.xml"] = Mutator.mutate(parts["xl/worksheets/sheet1.xml"]!, using: &random)
                try WorkbookParts.zip(mutated, to: url)
                try Mutator.mutate(Data(contentsOf: url), using: &random).write(to: url)
            }
            Self.expectTableOrInputErrors("XLSX round \(round)") { _ = try XLSXReader.read(url, displayPath: "t.xlsx") }
        }
    }

    @Test("YAML: mutated registries, rules, site settings and front matter read or give input errors", arguments: seeds)
    func yaml(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let rules = SiteFixture.competition(2024, rules: """
            rules:
              presenters: {min: 2, max: 5}
              awards: {一等奖: 1, 二等奖: 2}
              excellent_window_years: 3
              resubmission: {years_back: 1, similarity: 0.8}
              items:
                问题解决型: {选题: 15, 原因分析: 30}
            """)
        let originals = [SiteFixture.enterprises, rules, "title: 示例\nbase_url: /\ncontact: {电话: 1}\narchive_publish: all\n",
                         "---\ntitle: 通知\ndate: 2024-08-15\nattachments: [{file: a.pdf}]\n---\n正文\n"]
        for round in 0..<400 {
            let bytes = Mutator.mutate(Data(originals[round % originals.count].utf8), using: &random)
            guard let text = TextDecoding.decode(bytes)?.text else { continue }
            Self.expectTableOrInputErrors("YAML round \(round)") {
                switch round % originals.count {
                case 0: _ = try RegistryReader.read(YAMLValue.parse(text, path: "enterprises.yaml"))
                case 1: _ = try CompetitionRules.read(YAMLValue.parse(text, path: "competition.yaml")["rules"])
                case 2: _ = try SiteConfig.read(YAMLValue.parse(text, path: "site.yaml"))
                default: _ = try MarkdownFile.parse(text, path: "n.md")
                }
            }
        }
    }

    /// Readers may return, or throw input errors; any other error is a finding.
    static func expectTableOrInputErrors(_ context: String, _ body: () throws -> Void) {
        do {
            try body()
        } catch is InputError {
        } catch is InputErrors {
        } catch {
            Issue.record("\(context): \(type(of: error)) \(error)")
        }
    }
}
