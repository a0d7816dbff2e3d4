import Archive

/// `member-unit-quota`: each member unit (会员单位) recommends at most `per_member_unit`
/// applicants. One finding per unit, whose subject is the member unit, since it is the unit that
/// must withdraw a recommendation, not one applicant.
struct MemberUnitQuotaRule: Rule {
    let id = RuleID.memberUnitQuota

    /// The member unit an application is counted under: the 推荐单位 written on it, else the
    /// registry's member unit of the enterprise, else the enterprise itself (a member unit, or
    /// an enterprise outside any unit, recommending itself).
    static func memberUnit(of application: Application, _ context: RuleContext) -> String {
        application.memberUnitId ?? context.enterprise(application.enterpriseId)?.memberUnitId ?? application.enterpriseId
    }

    func findings(_ context: RuleContext) -> [Finding] {
        let limit = context.rules.perMemberUnit
        var order: [String] = []
        var byUnit: [String: [Application]] = [:]
        for application in context.year.applications {
            let unit = Self.memberUnit(of: application, context)
            if byUnit[unit] == nil { order.append(unit) }
            byUnit[unit, default: []].append(application)
        }
        return order.compactMap { unit in
            let list = byUnit[unit]!
            guard list.count > limit else { return nil }
            return Finding(
                self, .error, subject: unit,
                message: "会员单位\(context.name(unit))推荐了 \(list.count) 家优秀企业申报单位（\(list.map { "\($0.id) \(context.name($0.enterpriseId))" }.joined(separator: "、"))），每个会员单位限推荐 \(limit) 家",
                evidence: ["member_unit": .string(unit), "count": .int(list.count), "limit": .int(limit),
                           "applications": .array(list.map { .string($0.id) }),
                           "enterprises": .array(list.map { .string($0.enterpriseId) })])
        }
    }
}
