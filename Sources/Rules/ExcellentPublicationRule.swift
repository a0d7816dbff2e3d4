import Archive
import TextKeys

/// `excellent-publication`: an applicant lists no publication of level 省级 or higher dated Y-N … Y.
/// One without a date cannot be placed in the window and does not count.
struct ExcellentPublicationRule: Rule {
    let id = RuleID.excellentPublication

    /// The levels that count as provincial or higher.
    static let countedLevels: Set<String> = ["省级", "国家级", "国际", "国际级"]

    func findings(_ context: RuleContext) -> [Finding] {
        let y = context.year.year
        let from = y - context.rules.excellentWindowYears
        var listed: [String: [Publication]] = [:]
        for p in context.year.publications { listed[p.applicationId, default: []].append(p) }
        return context.year.applications.compactMap { application in
            let publications = listed[application.id] ?? []
            let counted = publications.filter { p in
                guard Self.countedLevels.contains(TextNormalization.nameKey(p.level)),
                      let date = p.publishedOn, let year = Int(date.prefix(4)) else { return false }
                return (from...y).contains(year)
            }
            guard counted.isEmpty else { return nil }
            let message = publications.isEmpty
                ? "\(context.name(application.enterpriseId))的申报没有列出发表的论文、成果或经验"
                : "\(context.name(application.enterpriseId))列出的 \(publications.count) 篇发表均不是 \(from)–\(y) 年省级及以上刊物或会议"
            return Finding(
                self, .error, subject: application.id, message: message,
                evidence: ["window": .array([.int(from), .int(y)]), "levels": .array(["省级", "国家级", "国际"]),
                           "publications": .array(publications.map { p in
                               ["title": .string(p.title), "venue": .string(p.venue), "level": .string(p.level),
                                "date": p.publishedOn.map { .string($0) } ?? .null] })])
        }
    }
}
