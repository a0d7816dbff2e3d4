
/// `presenters`: each presenting team has `presenters.min` to `presenters.max` presenters (发表人).
struct PresentersRule: Rule {
    let id = RuleID.presenters

    func findings(_ context: RuleContext) -> [Finding] {
        let (low, high) = (context.rules.presentersMin, context.rules.presentersMax)
        var names: [String: [String]] = [:]
        for person in context.year.people where person.role == .presenter {
            names[person.registrationId, default: []].append(person.name)
        }
        return context.activeRegistrations.compactMap { r in
            let list = names[r.id] ?? []
            guard list.count < low || list.count > high else { return nil }
            return Finding(
                self, .error, subject: r.id,
                message: "《\(r.title)》有 \(list.count) 名发表人，应为 \(low)–\(high) 人",
                evidence: ["count": .int(list.count), "min": .int(low), "max": .int(high),
                           "presenters": .array(list.map { .string($0) })])
        }
    }
}
