import Archive
import Foundation
import Rules
import Diagnostics

/// The official forms of an archived year (`qcsite forms`), filled in from the archive: the
/// registration summary, the judges, each judge's score sheets and the excellent-enterprise
/// application with its claims and publications.
public struct YearForms {
    public let year: Int
    let forms: [Form]
    /// Forms that could not be made yet, each with the reason and what to do.
    public let notMade: [String]
    /// The creation time written into every file: the year's notice date, never the clock.
    let created: Date

    /// `blank`: only the forms for a notice (registration, excellent-enterprise application),
    /// with no row from the archive, so they can be published while entries are not.
    public static func make(snapshot: ArchiveSnapshot, year: Int, archivePath: String, blank: Bool = false) throws -> YearForms {
        guard let archived = snapshot.year(year) else {
            let years = snapshot.years.map { String($0.year) }.joined(separator: "、")
            throw InputError(path: archivePath, line: 0,
                             "存档中没有 \(year) 年；请先把 content/years/\(year)/ 准备好并运行 qcsite import"
                             + (years.isEmpty ? "" : "（存档中的年度：\(years)）"))
        }
        var records = archived
        if blank {
            records = YearRecords(competition: archived.competition)
            records.stages = archived.stages
        }
        let context = try FormContext(records: records, registry: snapshot.registry)
        let created = Self.date(records.competition.issued ?? "\(year)-01-01")
        if blank {
            return YearForms(year: year, forms: [RegistrationForm.make(context)] + ExcellentEnterpriseForms.make(context),
                             notMade: [], created: created)
        }
        var forms = [RegistrationForm.make(context), JudgeListForm.make(context)]
        var notMade: [String] = []
        let active = records.registrations.filter { $0.status == .active }
        let shortlist = Set(try Ranking.rank(records).shortlist)
        let rounds: [(ScoreRound, String, [Registration], String)] = [
            (.material, "资料评审评分表", active, "本年度还没有参赛成果（registrations）"),
            (.onsite, "现场发表评分表", active.filter { shortlist.contains($0.id) }, "还没有入围名单（资料评审评分或 awards 中的入围）"),
        ]
        for (round, name, entries, missing) in rounds {
            guard !records.judges.isEmpty, !entries.isEmpty else {
                notMade.append("\(name)：" + (records.judges.isEmpty ? "还没有评委名单（judges）" : missing))
                continue
            }
            for judge in records.judges {
                // 回避: the judge never sees an entry of the judge's own enterprise.
                let scorable = entries.filter { $0.enterpriseId != judge.enterpriseId }
                if scorable.isEmpty {
                    notMade.append("\(name)（\(judge.name)）：所有成果都与评委同一单位，均须回避")
                } else {
                    forms.append(ScoreSheetForm.make(context, round: round, judge: judge, entries: scorable))
                }
            }
        }
        forms += ExcellentEnterpriseForms.make(context)
        return YearForms(year: year, forms: forms, notMade: notMade, created: created)
    }

    private static func date(_ day: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: String(day.prefix(10))) ?? Date(timeIntervalSince1970: 0)
    }
}
