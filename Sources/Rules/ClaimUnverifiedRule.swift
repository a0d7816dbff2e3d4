import Archive
import TextKeys

/// `claim-unverified`: each award an application claims (获奖情况) must be one the archive
/// holds — the claimed year, the same normalised title by the applicant enterprise, the same award.
/// A claim on a year the archive does not hold cannot be checked: a warning, not an error.
struct ClaimUnverifiedRule: Rule {
    let id = RuleID.claimUnverified

    func findings(_ context: RuleContext) -> [Finding] {
        let applications = Dictionary(context.year.applications.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var claimedYears: [Int: ClaimedYear] = [:]
        return context.year.claims.compactMap { claim in
            guard let application = applications[claim.applicationId] else { return nil }
            return verify(claim, by: application.enterpriseId, context, &claimedYears)
        }
    }

    /// A claimed year's entries by title key and by enterprise, made once for all the claims on
    /// it: a national year has thousands of claims and ten thousand entries.
    private struct ClaimedYear {
        var byTitle: [String: [Registration]]
        var byEnterprise: [String: [Registration]]

        init(_ year: YearRecords) {
            byTitle = Dictionary(grouping: year.registrations) { TextNormalization.titleKey($0.title) }
            byEnterprise = Dictionary(grouping: year.registrations, by: \.enterpriseId)
        }
    }

    private func verify(_ claim: Claim, by enterprise: String, _ context: RuleContext, _ claimedYears: inout [Int: ClaimedYear]) -> Finding? {
        let claimed = "\(claim.claimedYear)年《\(claim.title)》\(claim.award)"
        var evidence: [String: JSONValue] = [
            "enterprise": .string(enterprise), "claimed_year": .int(claim.claimedYear),
            "claimed_title": .string(claim.title), "claimed_group": .string(claim.groupName),
            "claimed_award": .string(claim.award), "line": .int(claim.sourceLine),
        ]
        guard let year = context.snapshot.year(claim.claimedYear) else {
            evidence["archive"] = "year_not_archived"
            return Finding(self, .warning, subject: claim.applicationId,
                           message: "申报的获奖情况「\(claimed)」无法核实：存档中没有 \(claim.claimedYear) 年的记录",
                           evidence: evidence)
        }
        let entries = claimedYears[year.year] ?? ClaimedYear(year)
        claimedYears[year.year] = entries
        let sameTitle = entries.byTitle[TextNormalization.titleKey(claim.title)] ?? []
        let own = sameTitle.filter { $0.enterpriseId == enterprise }
        func held(_ r: Registration) -> String { context.award(year: year.year, registrationId: r.id) ?? "未获奖" }
        if own.contains(where: { held($0) == claim.award }) { return nil }

        let holds: String
        if let entry = own.first {
            holds = "存档记载该成果（\(entry.id)）\(held(entry) == "未获奖" ? "未获奖" : "获" + held(entry))"
            evidence["archive"] = ["id": .string(entry.id), "title": .string(entry.title), "award": .string(held(entry))]
        } else if let other = sameTitle.first {
            holds = "存档中该成果由\(context.name(other.enterpriseId))申报（\(other.id)，\(held(other))），不是本单位"
            evidence["archive"] = ["id": .string(other.id), "title": .string(other.title), "award": .string(held(other)),
                                   "enterprise": .string(other.enterpriseId)]
        } else {
            let awarded = (entries.byEnterprise[enterprise] ?? []).filter { held($0) != "未获奖" }
            holds = "存档中本单位 \(claim.claimedYear) 年没有这一课题" + (awarded.isEmpty ? "，当年也没有获奖成果"
                : "；当年获奖成果为：" + awarded.map { "《\($0.title)》\(held($0))" }.joined(separator: "；"))
            evidence["archive"] = .array(awarded.map { ["id": .string($0.id), "title": .string($0.title), "award": .string(held($0))] })
        }
        return Finding(self, .error, subject: claim.applicationId,
                       message: "申报的获奖情况「\(claimed)」与存档不符：\(holds)", evidence: evidence)
    }
}
