import Foundation

/// A page per published achievement (`/2024/2024-001/`) with its write-up, for result-published
/// years and the achievements `archive_publish` names.
struct AchievementSection: SiteSection {
    struct AchievementModel {
        var entry: EntryRow
        var competition: String
        var outcome: String
        var materialScore: String?
        var onsiteScore: String?
        /// The write-up's HTML; nil without one, or with one that holds no text, so the page says so.
        var writeup: String?
        var yearURL: String
        var resultsURL: String
    }

    func render(into files: inout OutputFiles, _ context: RenderContext) throws {
        for year in context.snapshot.years where context.record.showsResults(year) {
            let writeups = Dictionary(year.writeups.filter { !Markdown.plainText($0.markdown).isEmpty }.map { ($0.registrationId, $0) },
                                      uniquingKeysWith: { a, _ in a })
            let yearURL = context.urls.link(SitePath.year(year.year))
            let registrations = context.record.visibleRegistrations(year).filter { context.record.hasPage(year, $0.id) }
            let pages = try Parallel.map(registrations) { registration in
                let entry = context.entryRow(year, registration)
                let path = SitePath.achievement(year.year, registration.id)
                let model = AchievementModel(
                    entry: entry, competition: year.competition.title,
                    outcome: entry.award ?? (entry.shortlisted ? "入围现场发表" : "参赛成果"),
                    materialScore: context.record.materialScore(year, registration.id).map { String(format: "%.2f", $0) },
                    onsiteScore: context.record.onsiteScore(year, registration.id).map { String(format: "%.2f", $0) },
                    writeup: writeups[registration.id].map { context.writeupHTML($0.markdown) },
                    yearURL: yearURL, resultsURL: context.urls.link(SitePath.results(year.year)))
                let description = writeups[registration.id].map { context.excerpt($0.markdown) }
                    ?? "\(entry.enterprise) \(entry.group)：\(entry.title)（\(entry.type)）"
                return (SitePath.file(path), try context.page("achievement",
                    context.pageModel(title: registration.title, path: path, section: "years", description: description,
                                      breadcrumbs: [Link(title: "\(year.year)年", url: yearURL)]),
                    model))
            }
            for (path, data) in pages { try files.add(path, data) }
        }
    }
}
