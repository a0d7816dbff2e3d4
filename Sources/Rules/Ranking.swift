import Foundation
import Archive

/// One achievement's place in a year: its scores, rank, shortlist place and award.
public struct Standing: Sendable, Equatable {
    public var registrationId: String
    /// Material-review mean after dropping extremes; nil without valid sheets.
    public var materialScore: Double?
    public var materialRank: Int?
    public var onsiteScore: Double?
    public var onsiteRank: Int?
    public var shortlisted: Bool
    public var award: String?
    /// Whether `awards.csv` decided this entry's result rather than the scores.
    public var recorded: Bool
}

/// The computed (and staff-recorded) outcome of one year.
public struct YearStandings: Sendable {
    public var year: Int
    /// Standing of every active registration, by 编号.
    public var byId: [String: Standing]
    /// Shortlisted entries in shortlist order (material rank, then 编号).
    public var shortlist: [String]
    /// Prize winners by prize, highest first, each in on-site order.
    public var prizes: [(award: String, ids: [String])]
    /// Sheets left out of the means (a judge of the entry's own enterprise, a score out of range).
    public var excludedSheets: [ExcludedSheet]
    /// Exact ties across the shortlist cut or a prize's last slot.
    public var ties: [BoundaryTie]
    /// Whether on-site sheets decided the prizes (rather than awards.csv alone).
    public var decidedOnsite: Bool
    /// The year's rules, read from the archive once: everything after ranking uses these.
    public var rules: CompetitionRules

    public func standing(_ id: String) -> Standing? { byId[id] }
}

/// Turns score sheets into means, ranks, the shortlist and prizes, following the year's rules.
public enum Ranking {
    public static func rank(_ year: YearRecords) throws -> YearStandings {
        let rules = year.competition.rules
        let active = year.activeRegistrations
        // Only sheets look entries up by id: a year without them (or before review) skips the tables.
        let activeIds = year.sheets.isEmpty ? [] : Set(active.map(\.id))
        let registrationById = year.sheets.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: year.registrations.map { ($0.id, $0) })
        let judgeByName = Dictionary(uniqueKeysWithValues: year.judges.map { ($0.name, $0) })
        var excluded: [ExcludedSheet] = []
        var ties: [BoundaryTie] = []

        // Valid sheets per round and entry; the others are left out, for the scoring rules to report.
        var totals: [ScoreRound: [String: [Double]]] = [.material: [:], .onsite: [:]]
        for scored in year.sheets {
            let sheet = scored.sheet
            guard let registration = registrationById[sheet.registrationId], activeIds.contains(sheet.registrationId) else { continue }
            if let judge = judgeByName[sheet.judge], let own = judge.enterpriseId, own == registration.enterpriseId {
                excluded.append(ExcludedSheet(sheet: sheet, registration: registration,
                                              reason: .ownEnterprise(judgeEnterprise: own, organisation: judge.organisation)))
                continue
            }
            if let problem = SheetProblem.of(sheet, items: scored.items, type: registration.type, rules: rules) {
                excluded.append(ExcludedSheet(sheet: sheet, registration: registration, reason: .outOfRange(problem)))
                continue
            }
            totals[sheet.round]![sheet.registrationId, default: []].append(sheet.total)
        }

        func means(_ round: ScoreRound, among ids: [String]) -> [(id: String, mean: Double)] {
            ids.compactMap { id in totals[round]![id].flatMap { mean($0, dropFrom: rules.dropExtremesFrom) }.map { (id, $0) } }
        }

        var byId: [String: Standing] = Dictionary(minimumCapacity: active.count)
        for registration in active {
            byId[registration.id] = Standing(registrationId: registration.id, shortlisted: false, recorded: false)
        }

        // Shortlist: the top `shortlist_size` of the material round; ties at the cut all go through.
        let material = ranked(means(.material, among: active.map(\.id)))
        for entry in material {
            byId[entry.id]!.materialScore = entry.mean
            byId[entry.id]!.materialRank = entry.rank
            byId[entry.id]!.shortlisted = entry.rank <= rules.shortlistSize
        }
        if let tie = boundaryTie(material, at: rules.shortlistSize) {
            ties.append(BoundaryTie(boundary: .shortlist(size: rules.shortlistSize), entries: tie))
        }

        // Prizes: the shortlisted ranked by their on-site mean alone. When awards.csv records
        // prizes, the entries it names take their slots first and the computed prizes fill only
        // the slots left, in on-site order, so a recorded prize never adds one beyond the quota.
        let shortlistedIds = active.map(\.id).filter { byId[$0]!.shortlisted }
        let onsite = ranked(means(.onsite, among: shortlistedIds))
        let prizeNames = Set(rules.awards.map(\.name))
        let recorded = year.awards.filter { byId[$0.registrationId] != nil }
        let recordsPrizes = recorded.contains { $0.award.map(prizeNames.contains) ?? false }
        let decided = recordsPrizes ? Set(recorded.map(\.registrationId)) : []
        let open = recordsPrizes ? ranked(means(.onsite, among: shortlistedIds.filter { !decided.contains($0) })) : onsite
        var cumulative = 0
        var prizeOf: [String: String] = [:]
        for quota in rules.awards {
            let taken = recorded.filter { decided.contains($0.registrationId) && $0.award == quota.name }.count
            let slots = max(0, quota.count - taken)
            guard slots > 0 else { continue }
            let lower = cumulative
            cumulative += slots
            for entry in open where entry.rank > lower && entry.rank <= cumulative && prizeOf[entry.id] == nil {
                prizeOf[entry.id] = quota.name
            }
            if let tie = boundaryTie(open, at: cumulative) {
                ties.append(BoundaryTie(boundary: .prize(award: quota.name, place: cumulative), entries: tie))
            }
        }
        for entry in onsite {
            byId[entry.id]!.onsiteScore = entry.mean
            byId[entry.id]!.onsiteRank = entry.rank
            byId[entry.id]!.award = prizeOf[entry.id]
        }

        // Recorded results: a year without sheets, or staff's final decision.
        for award in year.awards where byId[award.registrationId] != nil {
            byId[award.registrationId]!.recorded = true
            byId[award.registrationId]!.award = award.award
            if let shortlisted = award.shortlisted {
                byId[award.registrationId]!.shortlisted = shortlisted
            } else if award.award != nil {
                byId[award.registrationId]!.shortlisted = true
            }
        }

        let order = Dictionary(uniqueKeysWithValues: active.enumerated().map { ($1.id, $0) })
        let shortlist = byId.values.filter(\.shortlisted).sorted { a, b in
            switch (a.materialRank, b.materialRank) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return order[a.registrationId]! < order[b.registrationId]!
            }
        }.map(\.registrationId)
        let onsiteOrder = { (a: String, b: String) -> Bool in
            let x = byId[a]!.onsiteRank ?? Int.max, y = byId[b]!.onsiteRank ?? Int.max
            return x != y ? x < y : order[a]! < order[b]!
        }
        var prizes: [(award: String, ids: [String])] = []
        for name in rules.awardNames {
            let ids = byId.values.filter { $0.award == name }.map(\.registrationId).sorted(by: onsiteOrder)
            if !ids.isEmpty { prizes.append((name, ids)) }
        }
        return YearStandings(year: year.year, byId: byId, shortlist: shortlist, prizes: prizes, excludedSheets: excluded, ties: ties,
                             decidedOnsite: year.sheets.contains { $0.sheet.round == .onsite }, rules: rules)
    }

    /// The mean of the totals, without the highest and lowest when there are at least `dropFrom`.
    public static func mean(_ totals: [Double], dropFrom: Int) -> Double? {
        guard !totals.isEmpty else { return nil }
        var sorted = totals.sorted()
        if sorted.count >= max(dropFrom, 3) {
            sorted.removeFirst()
            sorted.removeLast()
        }
        return sorted.reduce(0, +) / Double(sorted.count)
    }

    /// Ranks by mean, highest first; exact ties (up to floating noise) share a rank (1, 2, 2, 4).
    static func ranked(_ means: [(id: String, mean: Double)]) -> [(id: String, mean: Double, rank: Int)] {
        let sorted = means.sorted { a, b in
            if !same(a.mean, b.mean) { return a.mean > b.mean }
            return a.id < b.id
        }
        var result: [(id: String, mean: Double, rank: Int)] = []
        for (index, entry) in sorted.enumerated() {
            let rank = index > 0 && same(sorted[index - 1].mean, entry.mean) ? result[index - 1].rank : index + 1
            result.append((entry.id, entry.mean, rank))
        }
        return result
    }

    static func same(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    }

    /// Entries that share a rank across position `cut` (some inside, some outside), if any.
    static func boundaryTie(_ ranked: [(id: String, mean: Double, rank: Int)], at cut: Int) -> [(id: String, mean: Double, rank: Int)]? {
        guard cut > 0, cut < ranked.count else { return nil }
        let inside = ranked[cut - 1], outside = ranked[cut]
        guard inside.rank == outside.rank else { return nil }
        return ranked.filter { $0.rank == inside.rank }
    }

    static func format(_ score: Double) -> String {
        String(format: "%.2f", score)
    }
}
