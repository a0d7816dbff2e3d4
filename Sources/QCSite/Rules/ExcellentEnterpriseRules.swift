import Archive

/// The conditions of an excellent-enterprise (优秀企业) application: an award in the window,
/// a provincial-or-higher publication, the member unit's quota and the profile's length.
enum ExcellentEnterpriseRules {
    static func check(_ context: RuleContext) -> [Finding] {
        window(context) + publication(context) + memberUnitQuota(context) + profileLength(context)
    }

    /// No award of `excellent_group_awards` in Y-3…Y-1 in the archive: an error when every window
    /// year is archived, a warning when some are not (the award may lie in a missing year).
    static func window(_ context: RuleContext) -> [Finding] {
        let y = context.year.year
        return context.year.applications.compactMap { application in
            let eligibility = EnterpriseHistory.eligibility(
                enterpriseId: application.enterpriseId, forYear: y, snapshot: context.snapshot,
                standings: context.standings, rules: context.rules)
            guard !eligibility.meetsAwardCondition else { return nil }
            let missing = eligibility.window.filter { context.snapshot.year($0) == nil }
            let others = otherAwards(of: application.enterpriseId, in: eligibility.window, context)
            let range = "\(eligibility.window.first ?? y)–\(eligibility.window.last ?? y)年"
            var message = "\(context.name(application.enterpriseId))在 \(range) 没有获得\(context.rules.excellentGroupAwards.joined(separator: "、"))"
            if !others.isEmpty {
                message += "（存档中仅有：" + others.map { "\($0.year)年《\($0.title)》\($0.award)" }.joined(separator: "；") + "）"
            }
            message += missing.isEmpty ? "，不符合「近三年内有全省优秀质量管理小组」条件"
                : "；存档缺少 \(missing.map(String.init).joined(separator: "、")) 年的记录，请人工核实"
            return Finding(
                rule: "excellent-window", severity: missing.isEmpty ? .error : .warning, subject: application.id,
                message: message,
                evidence: ["enterprise": .string(application.enterpriseId),
                           "window": .array(eligibility.window.map { .int($0) }),
                           "counted_awards": .array(context.rules.excellentGroupAwards.map { .string($0) }),
                           "awards_in_window": .array(others.map { ["year": .int($0.year), "id": .string($0.id),
                                                                    "title": .string($0.title), "award": .string($0.award)] }),
                           "years_not_archived": .array(missing.map { .int($0) })])
        }
    }

    /// Awards of the enterprise in the window that do not count (优秀奖), to show what it has.
    private static func otherAwards(of enterprise: String, in window: [Int], _ context: RuleContext)
        -> [(year: Int, id: String, title: String, award: String)] {
        window.flatMap { y -> [(year: Int, id: String, title: String, award: String)] in
            guard let year = context.snapshot.year(y) else { return [] }
            return year.registrations.compactMap { r in
                guard r.enterpriseId == enterprise, let award = context.award(year: y, registrationId: r.id) else { return nil }
                return (y, r.id, r.title, award)
            }
        }
    }

    /// The levels that count as provincial or higher.
    static let countedLevels: Set<String> = ["省级", "国家级", "国际", "国际级"]

    /// A publication counts when its level is 省级 or higher and it is dated Y-3…Y; one without
    /// a date cannot be placed in the window and does not count.
    static func publication(_ context: RuleContext) -> [Finding] {
        let y = context.year.year
        let from = y - context.rules.excellentWindowYears
        var listed: [String: [Publication]] = [:]
        for p in context.year.publications { listed[p.applicationId, default: []].append(p) }
        return context.year.applications.compactMap { application in
            let publications = listed[application.id] ?? []
            let counted = publications.filter { p in
                guard countedLevels.contains(TextNormalization.nameKey(p.level)),
                      let date = p.publishedOn, let year = Int(date.prefix(4)) else { return false }
                return (from...y).contains(year)
            }
            guard counted.isEmpty else { return nil }
            let message = publications.isEmpty
                ? "\(context.name(application.enterpriseId))的申报没有列出发表的论文、成果或经验"
                : "\(context.name(application.enterpriseId))列出的 \(publications.count) 篇发表均不是 \(from)–\(y) 年省级及以上刊物或会议"
            return Finding(
                rule: "excellent-publication", severity: .error, subject: application.id, message: message,
                evidence: ["window": .array([.int(from), .int(y)]), "levels": .array(["省级", "国家级", "国际"]),
                           "publications": .array(publications.map { p in
                               ["title": .string(p.title), "venue": .string(p.venue), "level": .string(p.level),
                                "date": p.publishedOn.map { .string($0) } ?? .null] })])
        }
    }

    /// The member unit an application is counted under: the 推荐单位 written on it, else the
    /// registry's member unit of the enterprise, else the enterprise itself (a member unit, or
    /// an enterprise outside any unit, recommending itself).
    static func memberUnit(of application: Application, _ context: RuleContext) -> String {
        application.memberUnitId ?? context.enterprise(application.enterpriseId)?.memberUnitId ?? application.enterpriseId
    }

    /// More than `per_member_unit` applicants from one member unit: one finding whose subject is
    /// the member unit, since it is the unit that must withdraw a recommendation, not one applicant.
    static func memberUnitQuota(_ context: RuleContext) -> [Finding] {
        let limit = context.rules.perMemberUnit
        var order: [String] = []
        var byUnit: [String: [Application]] = [:]
        for application in context.year.applications {
            let unit = memberUnit(of: application, context)
            if byUnit[unit] == nil { order.append(unit) }
            byUnit[unit, default: []].append(application)
        }
        return order.compactMap { unit in
            let list = byUnit[unit]!
            guard list.count > limit else { return nil }
            return Finding(
                rule: "member-unit-quota", severity: .error, subject: unit,
                message: "会员单位\(context.name(unit))推荐了 \(list.count) 家优秀企业申报单位（\(list.map { "\($0.id) \(context.name($0.enterpriseId))" }.joined(separator: "、"))），每个会员单位限推荐 \(limit) 家",
                evidence: ["member_unit": .string(unit), "count": .int(list.count), "limit": .int(limit),
                           "applications": .array(list.map { .string($0.id) }),
                           "enterprises": .array(list.map { .string($0.enterpriseId) })])
        }
    }

    /// The profile's length in characters as Word's 字数 counts Chinese text: every character
    /// (a Chinese character, a letter, a punctuation mark) except spaces and line breaks.
    static func profileCharacters(_ profile: String) -> Int {
        profile.reduce(0) { $0 + ($1.isWhitespace ? 0 : 1) }
    }

    static func profileLength(_ context: RuleContext) -> [Finding] {
        let limit = context.rules.profileMaxChars
        return context.year.applications.compactMap { application in
            let count = profileCharacters(application.profile)
            guard count > limit else { return nil }
            return Finding(
                rule: "profile-length", severity: .error, subject: application.id,
                message: "\(context.name(application.enterpriseId))的事迹简介 \(count) 字，超过 \(limit) 字的限制（多 \(count - limit) 字）",
                evidence: ["characters": .int(count), "limit": .int(limit)])
        }
    }
}
