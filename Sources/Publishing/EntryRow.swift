import Foundation
import Disclosure

/// One achievement as the lists show it; every field already passed through the public record.
struct EntryRow: Encodable {
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
        record.enterprise(id: id)?.name ?? id
    }

    func entryRow(_ year: PublicYear, _ registration: PublicEntry, number: Int = 0, score: Double? = nil) -> EntryRow {
        let award = registration.award
        return EntryRow(number: number, year: year.year, id: registration.id,
                        enterprise: registration.enterprise,
                        enterpriseParts: NameBreaks.parts(registration.enterprise),
                        enterpriseURL: urls.link(SitePath.enterprise(registration.enterpriseId)),
                        group: registration.group, title: registration.title,
                        url: registration.hasPage ? urls.link(SitePath.achievement(year.year, registration.id)) : nil,
                        type: registration.type, shortlisted: registration.shortlisted,
                        award: award, awardClass: award.map { awardClass($0, year) } ?? "",
                        score: score.map { String(format: "%.2f", $0) })
    }

    func awardClass(_ award: String, _ year: PublicYear) -> String {
        let prizes = year.rules.awards.map(\.name)
        return prizes.firstIndex(of: award).map { "award-\(min($0 + 1, 3))" } ?? "award-other"
    }

    /// Tabs for every year of the archive, the current one marked.
    func yearLinks(current: Int?) -> [NavItem] {
        record.years.reversed().map { NavItem(title: "\($0.year)年", url: urls.link(SitePath.year($0.year)), current: $0.year == current) }
    }
}
