import Foundation
import Disclosure

/// The dates of a year's stages as the site shows them. The results have a date where
/// competition.yaml gives one (`stages: results: {on: …}`), else the date of the year's
/// published notice that announces them (`stage: results`), else none.
enum StageDates {
    static func of(_ year: PublicYear, _ context: RenderContext) -> [Stage: CompetitionStage] {
        var dates = Dictionary(year.stages.map { ($0.stage, $0) }, uniquingKeysWith: { a, _ in a })
        if dates[.results] == nil, let date = resultsNoticeDate(year, context) {
            dates[.results] = CompetitionStage(year: year.year, stage: .results, startsOn: date, endsOn: date)
        }
        return dates
    }

    /// The day the results were (or are to be) published, `YYYY-MM-DD`.
    static func resultsDate(_ year: PublicYear, _ context: RenderContext) -> String? {
        of(year, context)[.results].flatMap { $0.startsOn ?? $0.endsOn }
    }

    private static func resultsNoticeDate(_ year: PublicYear, _ context: RenderContext) -> String? {
        context.record.notices.filter { $0.year == year.year && $0.stage == .results }.map(\.date).min()
    }
}
