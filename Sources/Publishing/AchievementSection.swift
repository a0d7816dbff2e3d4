import Foundation
import Disclosure
import Parallelism

/// A page per published achievement (`/2024/2024-001/`) with its write-up, for result-published
/// years and the achievements `archive_publish` names.
struct AchievementSection: SiteSection {
    struct AchievementModel: Encodable {
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

    var startsFirst: Bool { true }
    /// Its years' pages are kept whole by the outline and the year's write-ups.
    var readsOutline: Bool { true }

    func render(into files: inout OutputFiles, _ context: RenderContext) throws {
        let layout = try context.layoutKey("achievement", section: "years")
        let previous = files.previous
        for year in context.record.years where year.showsResults {
            let yearURL = context.urls.link(SitePath.year(year.year))
            let registrations = year.entries.filter { $0.hasPage }
            // A year's pages are made from the record's outline and the year's write-ups: while
            // none of those changed since the last build, they are kept whole, unmodelled.
            let part = "\(name)/\(year.year)"
            let partKey = context.outline.map { outline in
                var key = outline
                key.add(part)
                for registration in registrations {
                    key.add(registration.id)
                    key.add(Int64(registration.writeup == nil ? 0 : 1))
                    key.add(registration.writeup?.digest ?? "")
                }
                return key.value
            }
            if let partKey, files.keep(section: part, key: partKey) { continue }
            let pages = try Parallel.map(registrations) { registration in
                let entry = context.entryRow(year, registration)
                let path = SitePath.achievement(year.year, registration.id)
                // The page is made from this model and its write-up's source, keyed by its digest:
                // the key says whether the page the output holds is still right, before any
                // Markdown is read or done.
                var model = AchievementModel(
                    entry: entry, competition: year.title,
                    outcome: registration.outcome.words,
                    materialScore: registration.materialScore.map { String(format: "%.2f", $0) },
                    onsiteScore: registration.onsiteScore.map { String(format: "%.2f", $0) },
                    writeup: registration.writeup?.digest,
                    yearURL: yearURL, resultsURL: context.urls.link(SitePath.results(year.year)))
                let key = try context.pageKey(layout, model)
                if previous[SitePath.file(path)] == key { return (SitePath.file(path), key, nil as Data?) }
                // A write-up with no text (markup alone) counts as none. A member's write-up is
                // never raw HTML, whatever site.yaml says. One parse gives the page's HTML and
                // the text its description is cut from.
                let writeup = try registration.writeup.map(context.convertedWriteups.forPage).flatMap { $0.text.isEmpty ? nil : $0 }
                model.writeup = writeup?.html
                let description = writeup.map { Markdown.excerpt(ofText: $0.text, length: RenderContext.excerptLength) }
                    ?? "\(entry.enterprise) \(entry.group)：\(entry.title)（\(entry.type)）"
                return (SitePath.file(path), key, try context.page("achievement",
                    context.pageModel(title: registration.title, path: path, section: "years", description: description,
                                      breadcrumbs: [Link(title: "\(year.year)年", url: yearURL)]),
                    model))
            }
            for (path, key, data) in pages { try files.add(path, key: key, data) }
            if let partKey { files.mark(section: part, key: partKey, paths: pages.map(\.0)) }
        }
    }
}
