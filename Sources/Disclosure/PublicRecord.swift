import Foundation
import Archive
import Rules
import SiteSettings

/// What the public may see of the archive: each year shows only what its `published` stage
/// allows, and result-published years give pages to the achievements `archive_publish` names.
/// Every page, download, feed and search index reads the archive through this, never around it.
public struct PublicRecord: Sendable {
    public let snapshot: ArchiveSnapshot
    public let standings: [Int: YearStandings]
    public let policy: SiteConfig.ArchivePolicy
    public let publishScores: Bool
    /// Visible registrations by year, worked out once: every page of a large archive asks.
    private var visible: [Int: [Registration]] = [:]
    private var visibleIds: [Int: Set<String>] = [:]
    /// Notices the public may read, newest first (see `isPublished(_:)`).
    public private(set) var notices: [Notice] = []

    public init(snapshot: ArchiveSnapshot, standings: [Int: YearStandings], policy: SiteConfig.ArchivePolicy, publishScores: Bool) {
        self.snapshot = snapshot
        self.standings = standings
        self.policy = policy
        self.publishScores = publishScores
        for year in snapshot.years {
            let list = computeVisibleRegistrations(year)
            visible[year.year] = list
            visibleIds[year.year] = Set(list.map(\.id))
        }
        notices = snapshot.writing.notices.filter(isPublished)
    }

    /// A notice is public unless it is a draft, or announces a stage (`stage:` in its front matter)
    /// that its year has not yet published: staff may prepare the results notice before the results.
    public func isPublished(_ notice: Notice) -> Bool {
        if notice.draft { return false }
        guard let stage = notice.stage else { return true }
        guard let year = notice.year, let competition = snapshot.year(year)?.competition else { return false }
        return competition.published >= stage
    }

    /// The year's rules as ranking read them from the archive (`Checker.standings` ranks every
    /// archived year, so the defaults here stand only for a year the standings were not given).
    public func rules(_ year: YearRecords) -> CompetitionRules {
        standings[year.year]?.rules ?? CompetitionRules()
    }

    public func showsShortlist(_ year: YearRecords) -> Bool { year.competition.published >= .shortlist }
    public func showsResults(_ year: YearRecords) -> Bool { year.competition.published >= .results }

    /// The shortlist, once published (withdrawn and disqualified entries are never in it). In rank
    /// order only where the site publishes scores: otherwise by 编号, as the notices list it
    /// ("排名不分先后"), since the order itself would give the ranking away.
    public func shortlist(_ year: YearRecords) -> [Registration] {
        guard showsShortlist(year), let standing = standings[year.year] else { return [] }
        let byId = Dictionary(uniqueKeysWithValues: year.registrations.map { ($0.id, $0) })
        return unranked(standing.shortlist.compactMap { byId[$0] })
    }

    /// Prizes highest first, once results are published; within a prize by 编号 unless scores are published.
    public func prizes(_ year: YearRecords) -> [(award: String, registrations: [Registration])] {
        guard showsResults(year), let standing = standings[year.year] else { return [] }
        let byId = Dictionary(uniqueKeysWithValues: year.registrations.map { ($0.id, $0) })
        return standing.prizes.map { ($0.award, unranked($0.ids.compactMap { byId[$0] })) }
    }

    private func unranked(_ registrations: [Registration]) -> [Registration] {
        publishScores ? registrations : registrations.sorted { $0.id.compare($1.id, options: .numeric) == .orderedAscending }
    }

    /// Excellent enterprises selected, once results are published.
    public func excellentEnterprises(_ year: YearRecords) -> [Application] {
        guard showsResults(year) else { return [] }
        return year.applications.filter(\.isSelected)
    }

    /// Registrations the public may see listed at all in this year.
    public func visibleRegistrations(_ year: YearRecords) -> [Registration] {
        visible[year.year] ?? computeVisibleRegistrations(year)
    }

    private func computeVisibleRegistrations(_ year: YearRecords) -> [Registration] {
        guard showsShortlist(year) else { return [] }
        guard showsResults(year) else { return shortlist(year) }
        let active = year.registrations.filter { $0.status == .active }
        switch policy {
        case .all: return active
        case .shortlisted: return active.filter { isShortlisted(year, $0.id) || award(year, $0.id) != nil }
        case .awarded: return active.filter { award(year, $0.id) != nil }
        }
    }

    /// Whether an achievement gets a page of its own (result-published years only).
    public func hasPage(_ year: YearRecords, _ id: String) -> Bool {
        showsResults(year) && (visibleIds[year.year] ?? Set(visibleRegistrations(year).map(\.id))).contains(id)
    }

    public func isShortlisted(_ year: YearRecords, _ id: String) -> Bool {
        showsShortlist(year) && (standings[year.year]?.standing(id)?.shortlisted ?? false)
    }

    public func award(_ year: YearRecords, _ id: String) -> String? {
        showsResults(year) ? standings[year.year]?.standing(id)?.award : nil
    }

    /// The material mean, where the site publishes scores and the shortlist is out.
    public func materialScore(_ year: YearRecords, _ id: String) -> Double? {
        publishScores && showsShortlist(year) ? standings[year.year]?.standing(id)?.materialScore : nil
    }

    /// The on-site mean, where the site publishes scores and results are out.
    public func onsiteScore(_ year: YearRecords, _ id: String) -> Double? {
        publishScores && showsResults(year) ? standings[year.year]?.standing(id)?.onsiteScore : nil
    }
}
