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
    /// Findings of the scoring rules: score-range, judge-conflict, shortlist-tie, award-quota.
    public var findings: [Finding]
    /// The year's rules, read from the archive once: everything after ranking uses these.
    public var rules: CompetitionRules

    public func standing(_ id: String) -> Standing? { byId[id] }
}

/// Turns score sheets into means, ranks, the shortlist and prizes, following the year's rules.
public enum Ranking {
    public static func rank(_ year: YearRecords) throws -> YearStandings {
        let rules = try CompetitionRules.of(year.competition)
        let active = year.registrations.filter { $0.status == .active }
        let activeIds = Set(active.map(\.id))
        let registrationById = Dictionary(uniqueKeysWithValues: year.registrations.map { ($0.id, $0) })
        let judgeByName = Dictionary(uniqueKeysWithValues: year.judges.map { ($0.name, $0) })
        var findings: [Finding] = []

        // Valid sheets per round and entry; the others are reported and left out.
        var totals: [ScoreRound: [String: [Double]]] = [.material: [:], .onsite: [:]]
        for (index, sheet) in year.sheets.enumerated() {
            guard let registration = registrationById[sheet.registrationId], activeIds.contains(sheet.registrationId) else { continue }
            if let judge = judgeByName[sheet.judge], let own = judge.enterpriseId, own == registration.enterpriseId {
                findings.append(Finding(
                    rule: "judge-conflict", severity: .error, subject: registration.id,
                    message: "评委「\(sheet.judge)」来自参赛单位本身（\(judge.organisation)），应当回避；该评分表不计入平均分",
                    evidence: ["judge": .string(sheet.judge), "judge_enterprise": .string(own),
                               "entry_enterprise": .string(registration.enterpriseId), "round": .string(sheet.round.rawValue),
                               "source": .string("\(sheet.sourcePath):\(sheet.sourceLine)")]))
                continue
            }
            if let problem = rangeProblem(sheet, items: year.items[index], type: registration.type, rules: rules) {
                findings.append(Finding(
                    rule: "score-range", severity: .error, subject: registration.id,
                    message: "评委「\(sheet.judge)」的\(sheet.round == .material ? "资料评审" : "现场发表")评分超出范围：\(problem.message)；该评分表不计入平均分",
                    evidence: problem.evidence.merging([
                        "judge": .string(sheet.judge), "round": .string(sheet.round.rawValue),
                        "source": .string("\(sheet.sourcePath):\(sheet.sourceLine)")]) { a, _ in a }))
                continue
            }
            totals[sheet.round]![sheet.registrationId, default: []].append(sheet.total)
        }

        func means(_ round: ScoreRound, among ids: [String]) -> [(id: String, mean: Double)] {
            ids.compactMap { id in totals[round]![id].flatMap { mean($0, dropFrom: rules.dropExtremesFrom) }.map { (id, $0) } }
        }

        var byId: [String: Standing] = [:]
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
            findings.append(tieFinding(tie, boundary: "入围名单第 \(rules.shortlistSize) 名", limit: rules.shortlistSize, round: "material"))
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
                findings.append(tieFinding(tie, boundary: "\(quota.name)名额边界（第 \(cumulative) 名）", limit: cumulative, round: "onsite"))
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
        // Once prizes are decided (on-site sheets), each should fill its quota exactly; a year
        // decided by awards.csv alone is only warned of a prize beyond its quota.
        let decidedOnsite = year.sheets.contains { $0.round == .onsite }
        for quota in rules.awards {
            let ids = prizes.first { $0.award == quota.name }?.ids ?? []
            guard ids.count > quota.count || (decidedOnsite && ids.count != quota.count) else { continue }
            findings.append(Finding(
                rule: "award-quota", severity: .warning, subject: quota.name,
                message: "\(quota.name)共 \(ids.count) 项\(ids.isEmpty ? "" : "（\(ids.joined(separator: "、"))）")，名额为 \(quota.count) 项；"
                    + "请核对评分表与 awards.csv",
                evidence: ["award": .string(quota.name), "count": .int(ids.count), "quota": .int(quota.count),
                           "ids": .array(ids.map { .string($0) })]))
        }
        return YearStandings(year: year.year, byId: byId, shortlist: shortlist, prizes: prizes, findings: findings, rules: rules)
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

    private static func tieFinding(_ tie: [(id: String, mean: Double, rank: Int)], boundary: String, limit: Int, round: String) -> Finding {
        Finding(rule: "shortlist-tie", severity: .warning, subject: tie[0].id,
                message: "\(tie.map(\.id).joined(separator: "、")) 平均分相同（\(format(tie[0].mean))），并列第 \(tie[0].rank) 名，跨越\(boundary)；请评审组决定并在 awards.csv 中记录",
                evidence: ["ids": .array(tie.map { .string($0.id) }), "mean": .score(tie[0].mean),
                           "rank": .int(tie[0].rank), "limit": .int(limit), "round": .string(round)])
    }

    static func format(_ score: Double) -> String {
        String(format: "%.2f", score)
    }

    private static func rangeProblem(_ sheet: ScoreSheet, items: [ScoreItem], type: String, rules: CompetitionRules)
        -> (message: String, evidence: [String: JSONValue])? {
        guard sheet.hasItems else {
            let maximum = (rules.items[type] ?? rules.items.values.first ?? []).reduce(0) { $0 + $1.maximum }
            if sheet.total < 0 || sheet.total > maximum {
                return ("总分 \(sheet.total) 不在 0–\(maximum) 之间", ["item": "总分", "score": .score(sheet.total), "maximum": .score(maximum)])
            }
            return nil
        }
        let maxima = Dictionary(uniqueKeysWithValues: (rules.items[type] ?? []).map { ($0.item, $0.maximum) })
        for item in items {
            guard let maximum = maxima[item.item] else {
                return ("「\(item.item)」不是\(type)的评审项目", ["item": .string(item.item), "score": .score(item.score), "maximum": .null, "type": .string(type)])
            }
            if item.score < 0 || item.score > maximum {
                return ("「\(item.item)」得分 \(item.score) 超出 0–\(maximum)", ["item": .string(item.item), "score": .score(item.score), "maximum": .score(maximum), "type": .string(type)])
            }
        }
        return nil
    }
}
