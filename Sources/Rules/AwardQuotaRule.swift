
/// `award-quota` (an extension of the contract): the final number of a prize differs from its
/// quota in a year whose on-site sheets decided the prizes, or exceeds it in a year decided by
/// awards.csv alone (a year may award fewer); and more applications selected 优秀企业 than
/// `excellent_enterprises` allows.
struct AwardQuotaRule: Rule {
    let id = RuleID.awardQuota
    static let excellentSubject = "质量管理小组活动优秀企业"

    func findings(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for quota in context.rules.awards {
            let ids = context.standing.prizes.first { $0.award == quota.name }?.ids ?? []
            guard ids.count > quota.count || (context.standing.decidedOnsite && ids.count != quota.count) else { continue }
            findings.append(finding(quota.name, ids: ids, quota: quota.count, check: "请核对评分表与 awards.csv"))
        }
        let selected = context.year.applications.filter(\.isSelected).map(\.id)
        if selected.count > context.rules.excellentEnterprises {
            findings.append(finding(Self.excellentSubject, ids: selected, quota: context.rules.excellentEnterprises,
                                    check: "请核对 excellent-enterprises 表的「评选结果」列"))
        }
        return findings
    }

    private func finding(_ award: String, ids: [String], quota: Int, check: String) -> Finding {
        Finding(
            self, .warning, subject: award,
            message: "\(award)共 \(ids.count) 项\(ids.isEmpty ? "" : "（\(ids.joined(separator: "、"))）")，名额为 \(quota) 项；\(check)",
            evidence: ["award": .string(award), "count": .int(ids.count), "quota": .int(quota),
                       "ids": .array(ids.map { .string($0) })])
    }
}
