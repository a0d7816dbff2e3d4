import Archive

/// The limits of the registration form: entries per enterprise, presenters, topic type,
/// deadline and materials. Only active entries are checked, except for the count per
/// enterprise (see `maxPerEnterprise`).
enum RegistrationRules {
    static func check(_ context: RuleContext) -> [Finding] {
        maxPerEnterprise(context) + presenters(context) + type(context) + deadline(context) + materials(context)
    }

    /// An enterprise registers at most `max_per_enterprise` achievements. A withdrawn entry gives
    /// its place back; a disqualified one was still registered and keeps counting.
    static func maxPerEnterprise(_ context: RuleContext) -> [Finding] {
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
                rule: "max-per-enterprise", severity: .error, subject: enterprise,
                message: "\(context.name(enterprise))申报 \(list.count) 项成果，超过每单位 \(limit) 项的限额（多 \(list.count - limit) 项）",
                evidence: ["enterprise": .string(enterprise), "count": .int(list.count), "limit": .int(limit),
                           "ids": .array(list.map { .string($0) })])
        }
    }

    static func presenters(_ context: RuleContext) -> [Finding] {
        let (low, high) = (context.rules.presentersMin, context.rules.presentersMax)
        var names: [String: [String]] = [:]
        for person in context.year.people where person.role == .presenter {
            names[person.registrationId, default: []].append(person.name)
        }
        return context.activeRegistrations.compactMap { r in
            let list = names[r.id] ?? []
            guard list.count < low || list.count > high else { return nil }
            return Finding(
                rule: "presenters", severity: .error, subject: r.id,
                message: "《\(r.title)》有 \(list.count) 名发表人，应为 \(low)–\(high) 人",
                evidence: ["count": .int(list.count), "min": .int(low), "max": .int(high),
                           "presenters": .array(list.map { .string($0) })])
        }
    }

    static func type(_ context: RuleContext) -> [Finding] {
        let types = context.rules.types
        return context.activeRegistrations.compactMap { r in
            guard !types.contains(r.type) else { return nil }
            return Finding(
                rule: "type", severity: .error, subject: r.id,
                message: "《\(r.title)》的课题类型「\(r.type)」不是\(types.joined(separator: "或"))",
                evidence: ["type": .string(r.type), "allowed": .array(types.map { .string($0) })])
        }
    }

    /// Registered after the deadline: error. No date on the form: a warning, since staff
    /// may know it arrived in time.
    static func deadline(_ context: RuleContext) -> [Finding] {
        guard let until = context.year.stages.first(where: { $0.stage == .registration })?.endsOn else { return [] }
        return context.activeRegistrations.compactMap { r in
            guard let on = r.registeredOn else {
                return Finding(rule: "deadline", severity: .warning, subject: r.id,
                               message: "《\(r.title)》没有报名日期，无法确认是否在截止日期 \(until) 前报名",
                               evidence: ["registered_on": .null, "until": .string(until)])
            }
            // ISO dates compare as text.
            guard on > until else { return nil }
            return Finding(rule: "deadline", severity: .error, subject: r.id,
                           message: "《\(r.title)》报名日期 \(on) 晚于报名截止日期 \(until)",
                           evidence: ["registered_on": .string(on), "until": .string(until)])
        }
    }

    static func materials(_ context: RuleContext) -> [Finding] {
        let required = context.rules.materials
        var submitted: [String: [String]] = [:]
        for m in context.year.materials { submitted[m.registrationId, default: []].append(m.material) }
        return context.activeRegistrations.compactMap { r in
            let have = submitted[r.id] ?? []
            let haveKeys = Set(have.map(TextNormalization.nameKey))
            let missing = required.filter { !haveKeys.contains(TextNormalization.nameKey($0)) }
            guard !missing.isEmpty else { return nil }
            return Finding(
                rule: "materials", severity: .error, subject: r.id,
                message: "《\(r.title)》缺少材料：\(missing.joined(separator: "、"))",
                evidence: ["missing": .array(missing.map { .string($0) }), "submitted": .array(have.map { .string($0) }),
                           "required": .array(required.map { .string($0) })])
        }
    }
}
