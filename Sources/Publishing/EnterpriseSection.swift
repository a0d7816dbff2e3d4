import Foundation
import Disclosure
import Parallelism

/// `/enterprises/` (the registry by member unit) and a page per enterprise with its visible
/// history by year and whether it meets the excellent-enterprise award condition.
struct EnterpriseSection: SiteSection {
    var keyedByOutline: Bool { true }

    struct IndexModel: Encodable {
        var groups: [Group]
        var eligibility: EligibilityNote
    }

    struct Group: Encodable {
        var title: String
        var enterprises: [Summary]
    }

    struct Summary: Encodable {
        var name: String
        var nameParts: [String]
        var url: String
        var shortlisted: Int
        /// Every visible award, 优秀奖 included.
        var awarded: Int
        /// The awards in the window that the condition counts.
        var counted: Int
        var eligible: Bool
    }

    struct EnterpriseModel: Encodable {
        var name: String
        var aliases: String
        var memberUnit: Link?
        var isMember: Bool
        var members: [Link]
        var years: [YearHistory]
        var eligibility: Eligibility
    }

    struct YearHistory: Encodable {
        var year: Int
        var url: String
        var entries: [EntryRow]
        var excellent: Bool
    }

    struct Eligibility: Encodable {
        var note: EligibilityNote
        var meets: Bool
        var awards: [AwardLine]
    }

    /// The award condition in the words of the rules of the year it speaks to.
    struct EligibilityNote: Encodable {
        var forYear: Int
        /// `2022–2024年`
        var window: String
        /// `一等奖、二等奖或三等奖`: the awards the rules count.
        var awards: String
        /// `优秀奖`: awards recorded that the condition does not count, or empty.
        var uncounted: String
        /// The year whose competition.yaml the rules come from.
        var rulesYear: Int
    }

    struct AwardLine: Encodable {
        var year: Int
        var title: String
        var award: String
        var awardClass: String
        var url: String?
    }

    func render(into files: inout OutputFiles, _ context: RenderContext) throws {
        let enterprises = context.record.enterprises
        let note = Self.note(context.record.eligibilityWindow)
        let gathered = Gathered(context.record)
        let previous = files.previous
        // Each page's model and key, and its bytes when its key changed, on every core.
        let pages = try Parallel.map(enterprises) { enterprise in
            let model = Self.model(enterprise, context, note: note, gathered)
            let path = SitePath.enterprise(enterprise.id)
            let page = try context.keyedPage("enterprise",
                context.pageModel(title: enterprise.name, path: path, section: "enterprises",
                                  description: "\(enterprise.name)历年参加QC小组成果竞赛的入围、获奖记录与优秀企业申报条件。",
                                  breadcrumbs: [Link(title: "参赛单位", url: context.urls.link(SitePath.enterprises))]),
                model, previous: previous[SitePath.file(path)])
            return (model, path, page)
        }
        var summaries: [String: Summary] = [:]
        for (enterprise, (model, path, page)) in zip(enterprises, pages) {
            let entries = model.years.flatMap(\.entries)
            summaries[enterprise.id] = Summary(name: enterprise.name, nameParts: NameBreaks.parts(enterprise.name), url: context.urls.link(path),
                                               shortlisted: entries.filter(\.shortlisted).count,
                                               awarded: entries.filter { $0.award != nil }.count,
                                               counted: model.eligibility.awards.count, eligible: model.eligibility.meets)
            try files.add(SitePath.file(path), key: page.key, page.data)
        }
        // Member units with the enterprises under them; enterprises outside any member unit last.
        var groups: [Group] = []
        let members = enterprises.filter(\.isMember)
        for unit in members {
            let under = [unit] + (gathered.members[unit.id] ?? [])
            groups.append(Group(title: unit.name, enterprises: under.compactMap { summaries[$0.id] }))
        }
        let memberIds = Set(members.map(\.id))
        let others = enterprises.filter { !$0.isMember && !($0.memberUnitId.map(memberIds.contains) ?? false) }
        if !others.isEmpty { groups.append(Group(title: "其他单位", enterprises: others.compactMap { summaries[$0.id] })) }
        try files.addPage(SitePath.enterprises, context, "enterprises",
            context.pageModel(title: "参赛单位", path: SitePath.enterprises, section: "enterprises",
                              description: "各参赛单位历年入围、获奖记录与优秀企业申报条件。"),
            IndexModel(groups: groups, eligibility: note))
    }

    /// The condition the pages speak to, in the words of the rules that apply: the application
    /// year after the newest year with published results, so every award in its window is public.
    static func note(_ window: ExcellentWindow) -> EligibilityNote {
        let rules = window.rules
        let recorded = rules.awards.map(\.name) + rules.otherAwards
        return EligibilityNote(forYear: window.forYear, window: window.span,
                               awards: alternatives(window.countedAwards),
                               uncounted: recorded.filter { !window.countedAwards.contains($0) }.joined(separator: "、"),
                               rulesYear: window.rulesYear ?? window.forYear)
    }

    /// `一等奖、二等奖或三等奖`
    static func alternatives(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: "、") + "或" + last
    }

    /// Each enterprise's entries by year, and the enterprises under each member unit, gathered
    /// in one pass: not filtered out of every entry of every year again for each enterprise (a
    /// national archive has thousands of enterprises and a hundred thousand entries).
    struct Gathered: Sendable {
        /// By year, by enterprise id: its entries in the year's order.
        var entries: [Int: [String: [PublicEntry]]] = [:]
        /// By member unit id: the other enterprises under it, in the registry's order.
        var members: [String: [PublicEnterprise]] = [:]

        init(_ record: PublicRecord) {
            for year in record.years {
                entries[year.year] = Dictionary(grouping: year.entries, by: \.enterpriseId)
            }
            for enterprise in record.enterprises {
                if let unit = enterprise.memberUnitId, unit != enterprise.id { members[unit, default: []].append(enterprise) }
            }
        }
    }

    static func model(_ enterprise: PublicEnterprise, _ context: RenderContext, note: EligibilityNote, _ gathered: Gathered) -> EnterpriseModel {
        var years: [YearHistory] = []
        for year in context.record.years.reversed() {
            let entries = (gathered.entries[year.year]?[enterprise.id] ?? []).map { context.entryRow(year, $0) }
            let excellent = year.excellentEnterprises.contains { $0.enterpriseId == enterprise.id }
            if !entries.isEmpty || excellent {
                years.append(YearHistory(year: year.year, url: context.urls.link(SitePath.year(year.year)), entries: entries, excellent: excellent))
            }
        }
        let awards = context.record.eligibility(of: enterprise.id).map { award in
            let year = context.record.year(award.year)
            let hasPage = year?.entry(award.id)?.hasPage ?? false
            return AwardLine(year: award.year, title: award.title, award: award.award,
                             awardClass: year.map { context.awardClass(award.award, $0) } ?? "award-other",
                             url: hasPage ? context.urls.link(SitePath.achievement(award.year, award.id)) : nil)
        }
        return EnterpriseModel(
            name: enterprise.name, aliases: enterprise.aliases.joined(separator: "、"),
            memberUnit: enterprise.memberUnitId.flatMap { context.record.enterprise(id: $0) }
                .map { Link(title: $0.name, url: context.urls.link(SitePath.enterprise($0.id))) },
            isMember: enterprise.isMember,
            members: (gathered.members[enterprise.id] ?? []).map { Link(title: $0.name, url: context.urls.link(SitePath.enterprise($0.id))) },
            years: years,
            eligibility: Eligibility(note: note, meets: !awards.isEmpty, awards: awards))
    }
}
