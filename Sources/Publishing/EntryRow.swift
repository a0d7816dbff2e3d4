import Foundation
import Archive

/// One achievement as the lists show it; every field already passed through the public record.
struct EntryRow {
    var number: Int
    var year: Int
    var id: String
    var enterprise: String
    /// The enterprise's name in the parts a line may break between (`NameBreaks`).
    var enterpriseParts: [String]
    var enterpriseURL: String
    var group: String
    var title: String
    /// The achievement's page, where it has one.
    var url: String?
    var type: String
    var shortlisted: Bool
    var award: String?
    /// `award-1` … for the prizes in order, `award-other` for the rest (badge colours).
    var awardClass: String
    /// Formatted score, only where the site publishes scores.
    var score: String?
}

extension RenderContext {
    /// The name on the enterprise's seal, as the registry has it.
    func enterpriseName(_ id: String) -> String {
        snapshot.enterprise(id: id)?.name ?? id
    }

    func entryRow(_ year: YearRecords, _ registration: Registration, number: Int = 0, score: Double? = nil) -> EntryRow {
        let award = record.award(year, registration.id)
        return EntryRow(number: number, year: year.year, id: registration.id,
                        enterprise: enterpriseName(registration.enterpriseId),
                        enterpriseParts: NameBreaks.parts(enterpriseName(registration.enterpriseId)),
                        enterpriseURL: urls.link(SitePath.enterprise(registration.enterpriseId)),
                        group: registration.groupName, title: registration.title,
                        url: record.hasPage(year, registration.id) ? urls.link(SitePath.achievement(year.year, registration.id)) : nil,
                        type: registration.type, shortlisted: record.isShortlisted(year, registration.id),
                        award: award, awardClass: award.map { awardClass($0, year) } ?? "",
                        score: score.map { String(format: "%.2f", $0) })
    }

    func awardClass(_ award: String, _ year: YearRecords) -> String {
        let prizes = record.rules(year).awards.map(\.name)
        return prizes.firstIndex(of: award).map { "award-\(min($0 + 1, 3))" } ?? "award-other"
    }

    /// Tabs for every year of the archive, the current one marked.
    func yearLinks(current: Int?) -> [NavItem] {
        snapshot.years.reversed().map { NavItem(title: "\($0.year)年", url: urls.link(SitePath.year($0.year)), current: $0.year == current) }
    }
}
