import Foundation
import Archive
import Rules
import SiteSettings
import TextKeys

/// One competition year as the public may see it at its `published` stage.
public struct PublicYear: Sendable, Encodable {
    public let year: Int
    public let title: String
    public let docNumber: String?
    /// `YYYY-MM-DD`.
    public let issued: String?
    public let published: Stage
    public let stages: [CompetitionStage]
    public let rules: CompetitionRules
    /// Registrations received (active ones), from the review stage on; nil before.
    public let received: Int?
    /// Active registrations by topic type, from the shortlist on (counts only: the entries
    /// themselves stay private unless `entries` lists them); empty before.
    public let receivedByType: [String: Int]
    /// In rank order where the site publishes scores, else by 编号 ("排名不分先后").
    public let shortlist: [PublicEntry]
    /// Prizes highest first, once results are published.
    public let prizes: [(award: String, entries: [PublicEntry])]
    public let excellentEnterprises: [PublicExcellent]
    /// Every entry the public may see listed this year: the shortlist before results; from the
    /// results on, the entries `archive_publish` names (in form order).
    public let entries: [PublicEntry]
    private let entriesById: [String: PublicEntry]

    public var showsShortlist: Bool { published >= .shortlist }
    public var showsResults: Bool { published >= .results }

    public func entry(_ id: String) -> PublicEntry? { entriesById[id] }

    /// Every field but the index of `entries` by id (made from them), for `PublicRecord`'s outline.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year)
        try c.encode(title, forKey: .title)
        try c.encode(docNumber, forKey: .docNumber)
        try c.encode(issued, forKey: .issued)
        try c.encode(published, forKey: .published)
        try c.encode(stages, forKey: .stages)
        try c.encode(rules, forKey: .rules)
        try c.encode(received, forKey: .received)
        try c.encode(receivedByType, forKey: .receivedByType)
        try c.encode(shortlist, forKey: .shortlist)
        try c.encode(prizes.map(\.award), forKey: .prizeAwards)
        try c.encode(prizes.map(\.entries), forKey: .prizeEntries)
        try c.encode(excellentEnterprises, forKey: .excellentEnterprises)
        try c.encode(entries, forKey: .entries)
    }

    private enum CodingKeys: String, CodingKey {
        case year, title, docNumber, issued, published, stages, rules, received, receivedByType, shortlist
        case prizeAwards, prizeEntries, excellentEnterprises, entries
    }

    init(_ records: YearRecords, standing: YearStandings?, snapshot: ArchiveSnapshot, settings: SiteConfig) {
        let competition = records.competition
        year = records.year
        title = competition.title
        docNumber = competition.docNumber
        issued = competition.issued
        published = competition.published
        stages = records.stages
        rules = standing?.rules ?? competition.rules
        let active = records.activeRegistrations
        received = published >= .review ? active.count : nil
        receivedByType = published >= .shortlist ? Dictionary(grouping: active, by: \.type).mapValues(\.count) : [:]

        let showsShortlist = published >= .shortlist, showsResults = published >= .results
        let publishScores = settings.publishScores
        let writeups = Dictionary(records.writeups.map { ($0.registrationId, $0) }, uniquingKeysWith: { a, _ in a })
        let byId = Dictionary(uniqueKeysWithValues: records.registrations.map { ($0.id, $0) })

        // Which entries are listed at all, and which of those get a page of their own.
        let listed: [Registration]
        if !showsShortlist {
            listed = []
        } else if !showsResults {
            listed = (standing?.shortlist ?? []).compactMap { byId[$0] }
        } else {
            listed = active.filter { r in
                let s = standing?.standing(r.id)
                switch settings.archivePublish {
                case .all: return true
                case .shortlisted: return (s?.shortlisted ?? false) || s?.award != nil
                case .awarded: return s?.award != nil
                }
            }
        }
        let paged = showsResults ? Set(listed.map(\.id)) : []
        func entry(_ r: Registration) -> PublicEntry {
            let s = standing?.standing(r.id)
            let writeup = paged.contains(r.id) ? writeups[r.id] : nil
            return PublicEntry(
                year: r.year, id: r.id, enterpriseId: r.enterpriseId, enterprise: snapshot.enterpriseName(r.enterpriseId),
                group: r.groupName, title: r.title, type: r.type,
                shortlisted: showsShortlist && (s?.shortlisted ?? false), award: showsResults ? s?.award : nil,
                hasPage: paged.contains(r.id),
                writeup: writeup.flatMap { $0.blank ? nil : PublicWriteup($0) },
                materialScore: publishScores && showsShortlist ? s?.materialScore : nil,
                onsiteScore: publishScores && showsResults ? s?.onsiteScore : nil,
                outcome: Outcome(award: showsResults ? s?.award : nil, shortlisted: s?.shortlisted ?? false,
                                 resultsPublished: showsResults))
        }
        entries = listed.map(entry)
        entriesById = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })

        let unranked = { (list: [PublicEntry]) in publishScores ? list : list.sorted(by: PublicEntry.byID) }
        shortlist = showsShortlist ? unranked((standing?.shortlist ?? []).compactMap { byId[$0] }.map(entry)) : []
        prizes = showsResults ? (standing?.prizes ?? []).map { ($0.award, unranked($0.ids.compactMap { byId[$0] }.map(entry))) } : []
        excellentEnterprises = showsResults ? records.applications.filter(\.isSelected).map { a in
            PublicExcellent(id: a.id, enterpriseId: a.enterpriseId, enterprise: snapshot.enterpriseName(a.enterpriseId),
                            memberUnit: a.memberUnitId.map(snapshot.enterpriseName) ?? a.memberUnitAsWritten)
        } : []
    }
}
