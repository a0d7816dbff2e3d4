
/// `type`: the 课题类型 is one of the year's topic types (问题解决型, 创新型 by default).
struct TypeRule: Rule {
    let id = RuleID.type

    func findings(_ context: RuleContext) -> [Finding] {
        let types = context.rules.types
        return context.activeRegistrations.compactMap { r in
            guard !types.contains(r.type) else { return nil }
            return Finding(
                self, .error, subject: r.id,
                message: "《\(r.title)》的课题类型「\(r.type)」不是\(types.joined(separator: "或"))",
                evidence: ["type": .string(r.type), "allowed": .array(types.map { .string($0) })])
        }
    }
}
