
/// `max-per-enterprise`: an enterprise registers at most `max_per_enterprise` achievements. A
/// withdrawn entry gives its place back; a disqualified one was still registered and keeps counting.
struct MaxPerEnterpriseRule: Rule {
    let id = RuleID.maxPerEnterprise

    func findings(_ context: RuleContext) -> [Finding] {
        let limit = context.rules.maxPerEnterprise
        var order: [String] = []
        var ids: [String: [String]] = [:]
        for r in context.year.registrations where r.status != .withdrawn {
            if ids[r.enterpriseId] == nil { order.append(r.enterpriseId) }
            ids[r.enterpriseId, default: []].append(r.id)
        }
        return order.compactMap { enterprise in
            let list = ids[enterprise]!
            guard list.count > limit else { return nil }
            return Finding(
                self, .error, subject: enterprise,
                message: "\(context.name(enterprise))申报 \(list.count) 项成果，超过每单位 \(limit) 项的限额（多 \(list.count - limit) 项）",
                evidence: ["enterprise": .string(enterprise), "count": .int(list.count), "limit": .int(limit),
                           "ids": .array(list.map { .string($0) })])
        }
    }
}
