import Foundation
import ZIPFoundation
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

/// A year as staff have it when they make the forms: four registrations (one under an alias,
/// one withdrawn, one with a column of its own), and two judges, one of them from an entrant.
enum FormsFixture {
    static let files: [String: String] = [
        "content/site.yaml": "title: 示例竞赛\nbase_url: https://qc.example.org/\n",
        "content/enterprises.yaml": SiteFixture.enterprises,
        "content/years/2025/competition.yaml": SiteFixture.competition(2025, published: "registration",
                                                                       rules: "rules:\n  shortlist_size: 2\n"),
        "content/years/2025/registrations.csv": """
            编号,单位名称,小组名称,课题名称,课题类型,发表人,小组成员,报名日期,联系电话,邮编,材料,状态,备注
            2025-001,示例甲通信有限公司,蓝海QC小组,降低基站退服时长,问题解决型,张伟、李娜,张伟、李娜、王芳,2025-08-20,138-0000-0001,030001,推荐表PDF、成果报告,,
            2025-002,示例乙网络,先锋QC小组,研发光缆快速定位装置,创新型,赵强、钱敏,赵强、钱敏,2025/8/21,,030002,推荐表PDF,,首次参赛
            2025-003,示例甲通信,启明QC小组,提高工单一次解决率,问题解决型,周一、吴二,,2025-08-22,,,,,
            2025-004,示例乙网络有限公司（北区）,远航QC小组,缩短故障修复时长,问题解决型,郑三、王四,,2025-08-23,,,,撤回,

            """,
        "content/years/2025/judges.csv": "评委,单位名称\n张评委,示例甲通信有限公司\n李评委,示例理工大学\n",
    ]

    static let scoreHeader = ["编号", "评委", "单位名称", "课题名称", "课题类型", "选题", "原因分析", "提出方案并确定最佳方案",
                              "对策与实施", "效果", "成果报告", "特点", "总分"]

    /// The cells of a table row, padded to `count` (a row read back ends at its last non-empty cell).
    static func cells(_ row: Table.Row, _ count: Int) -> [String] {
        (0..<count).map { row[$0] }
    }

    /// Excel's serial day of an ISO date.
    static func serial(_ iso: String) -> Int {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return Int(formatter.date(from: iso)!.timeIntervalSince1970 / 86_400) + 25_569
    }

    /// A data validation of a workbook's first sheet, as stored in its XML.
    struct Validation: Equatable {
        var type: String
        var sqref: String
        var formula1: String
        var formula2: String
    }

    static func validations(_ url: URL) throws -> [Validation] {
        let archive = try Archive(url: url, accessMode: .read)
        var data = Data()
        _ = try archive.extract(archive["xl/worksheets/sheet1.xml"]!) { data.append($0) }
        let xml = String(decoding: data, as: UTF8.self) as NSString
        let pattern = try NSRegularExpression(pattern: #"<dataValidation ([^>]*)>(.*?)</dataValidation>"#)
        func part(_ text: String, _ regex: String) -> String {
            guard let match = try? NSRegularExpression(pattern: regex).firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) else { return "" }
            return (text as NSString).substring(with: match.range(at: 1))
        }
        return pattern.matches(in: xml as String, range: NSRange(location: 0, length: xml.length)).map { match in
            let attributes = xml.substring(with: match.range(at: 1)), body = xml.substring(with: match.range(at: 2))
            return Validation(type: part(attributes, #"type="([^"]*)""#), sqref: part(attributes, #"sqref="([^"]*)""#),
                              formula1: part(body, "<formula1>(.*?)</formula1>"), formula2: part(body, "<formula2>(.*?)</formula2>"))
        }
    }

    /// The validation that covers `cell` ("F3"), if any.
    static func validation(of cell: String, in list: [Validation]) -> Validation? {
        func position(_ reference: Substring) -> (Int, Int) {
            let letters = reference.prefix { $0.isLetter }
            return (letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value - 64) }, Int(reference.dropFirst(letters.count))!)
        }
        let (column, row) = position(Substring(cell))
        return list.first { validation in
            validation.sqref.split(separator: " ").contains { range in
                let ends = range.split(separator: ":")
                let (c1, r1) = position(ends[0]), (c2, r2) = position(ends.last!)
                return (c1...c2).contains(column) && (r1...r2).contains(row)
            }
        }
    }
}
