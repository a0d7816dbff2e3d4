import Foundation
import Archive

/// A year whose dates have moved past its published stage: registration closed while the site
/// still says 报名进行中, the shortlist day gone while it shows the review. Only a warning, on
/// the terminal: the site never shows today's date, so the same content builds the same bytes
/// whatever the day.
enum StaleStage {
    /// One warning per year that is behind `today`.
    static func warnings(_ years: [YearRecords], today: String) -> [String] {
        years.compactMap { warning($0, today: today) }
    }

    /// A stage that spans days is over after its last day; a stage is also behind once the next
    /// stage's first day has come (a one-day stage such as the shortlist lasts until then).
    static func warning(_ year: YearRecords, today: String) -> String? {
        let published = year.competition.published
        guard let next = Stage.allCases.first(where: { $0 > published }) else { return nil }
        let dates = Dictionary(year.stages.map { ($0.stage, $0) }, uniquingKeysWith: { a, _ in a })
        let y = year.year
        var reason: String?
        if let current = dates[published], let end = current.endsOn, current.startsOn != end, today > end {
            reason = "「\(published.chineseNames[0])」已于 \(end) 结束"
        } else if let start = dates[next].flatMap({ $0.startsOn ?? $0.endsOn }), today >= start {
            reason = "「\(next.chineseNames[0])」已于 \(start) 开始"
        }
        guard let reason else { return nil }
        return "警告：今天是 \(today)，\(y)年\(reason)，但 competition.yaml 的 published 仍为 \(published.rawValue)（\(published.chineseNames[0])），"
            + "网站仍显示这一阶段；数据齐备后请运行 qcsite stage \(y) \(next.chineseNames[0])（先加 --dry-run 查看将公开的内容）"
    }
}
