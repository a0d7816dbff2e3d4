
/// `shortlist-tie`: an exact tie across the shortlist cut or a prize's last slot. Every tied entry
/// went through; staff decide and record the decision in awards.csv.
struct ShortlistTieRule: Rule {
    let id = RuleID.shortlistTie

    func findings(_ context: RuleContext) -> [Finding] {
        context.standing.ties.map { tie in
            let (boundary, limit): (String, Int)
            switch tie.boundary {
            case let .shortlist(size): (boundary, limit) = ("入围名单第 \(size) 名", size)
            case let .prize(award, place): (boundary, limit) = ("\(award)名额边界（第 \(place) 名）", place)
            }
            let first = tie.entries[0]
            return Finding(
                self, .warning, subject: first.id,
                message: "\(tie.entries.map(\.id).joined(separator: "、")) 平均分相同（\(Ranking.format(first.mean))），并列第 \(first.rank) 名，跨越\(boundary)；请评审组决定并在 awards.csv 中记录",
                evidence: ["ids": .array(tie.entries.map { .string($0.id) }), "mean": .score(first.mean),
                           "rank": .int(first.rank), "limit": .int(limit), "round": .string(tie.round.rawValue)])
        }
    }
}
