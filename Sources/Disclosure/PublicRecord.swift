import Foundation
import Archive
import Rules
import SiteSettings
import Parallelism

/// What the public may see of the archive, and nothing else: each year shows only what its
/// `published` stage allows, result-published years give pages to the achievements
/// `archive_publish` names, drafts and notices of unpublished stages stay out, and no contact
/// column or person exists in any of its types. The publishing target reaches the archive only
/// through this (it cannot import `Archive`), so a page cannot show what the gate withholds.
public struct PublicRecord: Sendable {
    /// Years in ascending order.
    public let years: [PublicYear]
    /// Notices the public may read, newest first.
    public private(set) var notices: [PublicNotice]
    public let pages: [PublicPage]
    /// The registry, by id.
    public let enterprises: [PublicEnterprise]
    public let publishScores: Bool
    public let policy: SiteConfig.ArchivePolicy
    /// The excellent-enterprise condition the pages speak to: the application year after the
    /// newest year with published results, so every award in its window is already public.
    public let eligibilityWindow: ExcellentWindow
    private let enterprisesById: [String: PublicEnterprise]
    private let awardsByEnterprise: [String: [ExcellentWindow.Award]]

    public init(snapshot: ArchiveSnapshot, standings: [Int: YearStandings], settings: SiteConfig) {
        publishScores = settings.publishScores
        policy = settings.archivePublish
        let aliases = Dictionary(grouping: snapshot.registry.aliases, by: \.enterpriseId)
        enterprises = snapshot.registry.enterprises.sorted { $0.id < $1.id }.map { e in
            PublicEnterprise(id: e.id, name: e.name, aliases: (aliases[e.id] ?? []).map(\.alias).sorted(),
                             memberUnitId: e.memberUnitId, isMember: e.isMember)
        }
        enterprisesById = Dictionary(uniqueKeysWithValues: enterprises.map { ($0.id, $0) })
        // Each year on its own, on every core (a national year is thousands of entries).
        years = Parallel.map(snapshot.years) { year in
            PublicYear(year, standing: standings[year.year], snapshot: snapshot, settings: settings)
        }
        notices = snapshot.writing.notices.filter { notice in
            Self.isPublished(notice, competition: notice.year.flatMap { snapshot.year($0)?.competition })
        }.map { n in
            PublicNotice(slug: n.slug, title: n.title, date: n.date, year: n.year, stage: n.stage, docNumber: n.docNumber,
                         summary: n.summary, markdown: n.markdown,
                         attachments: n.attachments.map { .init(title: $0.title, file: $0.file) },
                         sourcePath: n.sourcePath, bodyLine: n.bodyLine)
        }
        pages = snapshot.writing.pages.map { PublicPage(slug: $0.slug, title: $0.title, markdown: $0.markdown) }

        // Only result-published years count, so nothing unpublished shows through the condition.
        let published = standings.filter { year, _ in snapshot.year(year).map { $0.competition.published >= .results } ?? false }
        let forYear = ExcellentWindow.applicationYear(.publicSite, years: snapshot.years)!
        eligibilityWindow = ExcellentWindow(forYear: forYear, standings: standings)
        registrationYear = ExcellentWindow.applicationYear(.registration, years: snapshot.years)
        let held = eligibilityWindow.awardsByEnterprise(snapshot: snapshot, standings: published)
        let counted = eligibilityWindow.countedAwards
        var awards: [String: [ExcellentWindow.Award]] = [:]
        for enterprise in enterprises {
            awards[enterprise.id] = (held[enterprise.id] ?? []).filter { counted.contains($0.award) }
        }
        awardsByEnterprise = awards
    }

    /// A notice is public unless it is a draft, or announces a stage that its year has not yet
    /// published: staff may prepare the results notice before the results.
    static func isPublished(_ notice: Notice, competition: Competition?) -> Bool {
        if notice.draft { return false }
        guard let stage = notice.stage else { return true }
        return (competition?.published).map { $0 >= stage } ?? false
    }

    /// The same record with other notices (their archive lists filled in, by the renderer).
    public func replacingNotices(_ notices: [PublicNotice]) -> PublicRecord {
        var record = self
        record.notices = notices
        return record
    }

    public func year(_ year: Int) -> PublicYear? {
        years.first { $0.year == year }
    }

    public func enterprise(id: String) -> PublicEnterprise? {
        enterprisesById[id]
    }

    /// The enterprise's counted awards in the window the pages speak to (public years only).
    public func eligibility(of enterpriseId: String) -> [ExcellentWindow.Award] {
        awardsByEnterprise[enterpriseId] ?? []
    }

    /// The year a title proposed now is registered for (nil before any year is archived).
    public let registrationYear: Int?

    /// The record as its lists show it, but its years: with each year (`PublicYear`, which
    /// encodes itself without its write-ups' text), everything in it but the write-ups' text,
    /// for the key of what shows no write-up. The years are left to the caller, which may key
    /// them side by side.
    public var outlineBesidesYears: Outline { Outline(record: self) }

    public struct Outline: Encodable {
        let record: PublicRecord

        /// Every field of the record but its years and the index of `enterprises` by id (made
        /// from them); the awards the eligibility counts are encoded, since they come from the
        /// archive's years.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(record.notices, forKey: .notices)
            try c.encode(record.pages, forKey: .pages)
            try c.encode(record.enterprises, forKey: .enterprises)
            try c.encode(record.publishScores, forKey: .publishScores)
            try c.encode(record.policy, forKey: .policy)
            try c.encode(record.eligibilityWindow, forKey: .eligibilityWindow)
            try c.encode(record.awardsByEnterprise, forKey: .awardsByEnterprise)
            try c.encode(record.registrationYear, forKey: .registrationYear)
        }

        private enum CodingKeys: String, CodingKey {
            case notices, pages, enterprises, publishScores, policy, eligibilityWindow, awardsByEnterprise, registrationYear
        }
    }
}
