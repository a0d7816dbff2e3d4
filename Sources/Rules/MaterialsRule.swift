import TextKeys

/// `materials`: every material the year requires (推荐表PDF, 推荐表Word, 成果报告, 活动记录) was submitted.
struct MaterialsRule: Rule {
    let id = RuleID.materials

    func findings(_ context: RuleContext) -> [Finding] {
        let required = context.rules.materials
        let requiredKeys = required.map(TextNormalization.nameKey)
        var submitted: [String: [String]] = [:]
        for m in context.year.materials { submitted[m.registrationId, default: []].append(m.material) }
        return context.activeRegistrations.compactMap { r in
            let have = submitted[r.id] ?? []
            // A handful of materials each: a list is searched faster than a set is built.
            let haveKeys = have.map(TextNormalization.nameKey)
            let missing = zip(required, requiredKeys).filter { !haveKeys.contains($0.1) }.map(\.0)
            guard !missing.isEmpty else { return nil }
            return Finding(
                self, .error, subject: r.id,
                message: "《\(r.title)》缺少材料：\(missing.joined(separator: "、"))",
                evidence: ["missing": .array(missing.map { .string($0) }), "submitted": .array(have.map { .string($0) }),
                           "required": .array(required.map { .string($0) })])
        }
    }
}
