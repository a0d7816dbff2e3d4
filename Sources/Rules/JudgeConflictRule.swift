
/// `judge-conflict`: a judge never scores an achievement of the judge's own enterprise (回避).
/// The ranking left such sheets out of the mean; this reports them.
struct JudgeConflictRule: Rule {
    let id = RuleID.judgeConflict

    func findings(_ context: RuleContext) -> [Finding] {
        context.standing.excludedSheets.compactMap { excluded in
            guard case let .ownEnterprise(judgeEnterprise, organisation) = excluded.reason else { return nil }
            let sheet = excluded.sheet
            return Finding(
                self, .error, subject: excluded.registration.id,
                message: "评委「\(sheet.judge)」来自参赛单位本身（\(organisation)），应当回避；该评分表不计入平均分",
                evidence: ["judge": .string(sheet.judge), "judge_enterprise": .string(judgeEnterprise),
                           "entry_enterprise": .string(excluded.registration.enterpriseId), "round": .string(sheet.round.rawValue),
                           "source": .string("\(sheet.sourcePath):\(sheet.sourceLine)")])
        }
    }
}
