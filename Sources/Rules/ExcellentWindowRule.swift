
/// `excellent-window`: an applicant for 优秀企业 has no counted award in the window. An error when
/// every window year is archived, a warning when some are not (the award may lie in a missing year).
struct ExcellentWindowRule: Rule {
    let id = RuleID.excellentWindow

    func findings(_ context: RuleContext) -> [Finding] {
        let window = ExcellentWindow(forYear: context.year.year, rules: context.rules)
        let missing = window.yearsNotArchived(context.snapshot)
        let awards = window.awardsByEnterprise(snapshot: context.snapshot, standings: context.standings)
        return context.year.applications.compactMap { application in
            let held = awards[application.enterpriseId] ?? []
            guard !held.contains(where: { window.countedAwards.contains($0.award) }) else { return nil }
            var message = "\(context.name(application.enterpriseId))在 \(window.span) 没有获得\(window.countedAwards.joined(separator: "、"))"
            if !held.isEmpty {
                message += "（存档中仅有：" + held.map { "\($0.year)年《\($0.title)》\($0.award)" }.joined(separator: "；") + "）"
            }
            message += missing.isEmpty ? "，不符合「\(window.conditionText)」条件"
                : "；存档缺少 \(missing.map(String.init).joined(separator: "、")) 年的记录，请人工核实"
            return Finding(
                self, missing.isEmpty ? .error : .warning, subject: application.id, message: message,
                evidence: ["enterprise": .string(application.enterpriseId),
                           "window": .array(window.years.map { .int($0) }),
                           "counted_awards": .array(window.countedAwards.map { .string($0) }),
                           "awards_in_window": .array(held.map { ["year": .int($0.year), "id": .string($0.id),
                                                                  "title": .string($0.title), "award": .string($0.award)] }),
                           "years_not_archived": .array(missing.map { .int($0) })])
        }
    }
}
