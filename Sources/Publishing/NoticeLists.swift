import Foundation
import Disclosure
import Diagnostics

/// Fills in the lists notices carry (`NoticeList`: a line `{{入围名单}}` or `{{获奖名单}}`) from
/// the public record, before any page, feed or search index reads a notice: each becomes the
/// year's list in 编号 order, saying "排名不分先后", whatever order the list page uses. A
/// placeholder naming no list, no year, a year not archived or a list not yet published stops
/// the build at its line of the notice.
enum NoticeLists {
    static func filling(_ record: PublicRecord) throws -> PublicRecord {
        var errors: [InputError] = []
        let notices = record.notices.map { notice -> PublicNotice in
            let placeholders = NoticeList.placeholders(in: notice.markdown)
            guard !placeholders.isEmpty else { return notice }
            var lines = notice.markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for placeholder in placeholders {
                do {
                    lines[placeholder.line] = try markdown(placeholder, of: notice, in: record)
                } catch let problem as Problem {
                    errors.append(InputError(path: notice.sourcePath, line: notice.bodyLine + placeholder.line,
                                             "「\(placeholder.text)」：\(problem.message)"))
                } catch {
                    errors.append(InputError(path: notice.sourcePath, line: notice.bodyLine + placeholder.line, "\(error)"))
                }
            }
            return notice.replacingMarkdown(lines.joined(separator: "\n"))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return record.replacingNotices(notices)
    }

    private struct Problem: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// The list a placeholder stands for, as Markdown blocks.
    private static func markdown(_ placeholder: NoticeList.Placeholder, of notice: PublicNotice, in record: PublicRecord) throws -> String {
        guard let list = placeholder.list else {
            throw Problem("无法识别的名单；可用 {{入围名单}}、{{获奖名单}}，或写明年度，如 {{入围名单 2024}}")
        }
        guard let y = placeholder.year ?? notice.year else {
            throw Problem("不知道是哪一年的\(list.name)：请在通知的 front matter 中写 year:，或写成 {{\(list.name) 2024}}")
        }
        guard let year = record.year(y) else {
            throw Problem("存档中没有 \(y) 年度（已有：\(record.years.map { String($0.year) }.joined(separator: "、"))）")
        }
        guard year.published >= list.stage else {
            throw Problem("\(y)年的\(list.name)尚未公布（published: \(year.published.rawValue)）；"
                + "名单公布后（qcsite stage \(y) \(list.stage.chineseNames[0])）通知才能引用它，通知可写 stage: \(list.stage.rawValue) 以便届时一同出现")
        }
        switch list {
        case .shortlist:
            let entries = year.shortlist.sorted(by: PublicEntry.byID)
            return "共 \(entries.count) 项成果（按报名编号排列，排名不分先后）：\n\n" + numbered(entries.map(line))
        case .results:
            var blocks = ["各奖项内按报名编号排列，排名不分先后。"]
            for prize in year.prizes {
                blocks.append("## \(escaped(prize.award))（\(prize.entries.count) 项）")
                blocks.append(numbered(prize.entries.sorted(by: PublicEntry.byID).map(line)))
            }
            if !year.excellentEnterprises.isEmpty {
                blocks.append("## 质量管理小组活动优秀企业（\(year.excellentEnterprises.count) 家）")
                blocks.append(numbered(year.excellentEnterprises.map { escaped($0.enterprise) }))
            }
            return blocks.joined(separator: "\n\n")
        }
    }

    /// `2024-001　单位　小组　《课题》（类型）`, as the association's notices list an entry.
    private static func line(_ entry: PublicEntry) -> String {
        [entry.id, entry.enterprise, entry.group, "《\(entry.title)》（\(entry.type)）"].map(escaped).joined(separator: "　")
    }

    private static func numbered(_ items: [String]) -> String {
        items.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
    }

    /// Text from the archive as literal Markdown: every ASCII punctuation mark escaped, so a
    /// title is never read as emphasis, a link or HTML, and each on one line.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                result.append(" ")
            } else {
                if scalar.isASCII, scalar.properties.generalCategory.isPunctuationOrSymbol { result.append("\\") }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

private extension Unicode.GeneralCategory {
    var isPunctuationOrSymbol: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: true
        default: false
        }
    }
}
