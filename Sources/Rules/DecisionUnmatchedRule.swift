import Archive

/// `decision-unmatched` (an extension of the contract): a decision of decisions.csv that no
/// finding of its year answers to — a rule id that does not exist, a subject written otherwise
/// than `check` prints it, or a problem since put right. A warning: the finding it was meant
/// for, if any, still stops publication on its own.
struct DecisionUnmatchedRule: Rule {
    let id = RuleID.decisionUnmatched
    var readsFindings: Bool { true }

    static func key(_ rule: String, _ subject: String) -> String {
        rule + "\u{0}" + subject
    }

    func findings(_ context: RuleContext) -> [Finding] {
        let found = Set(context.earlierFindings.map { Self.key($0.rule.rawValue, $0.subject) })
        return context.year.decisions.filter { !found.contains(Self.key($0.rule, $0.subject)) }.map { decision in
            let place = "\(decision.sourcePath) 第 \(decision.sourceLine) 行"
            let known = RuleID(rawValue: decision.rule).map { $0 != id } ?? false
            let message = known
                ? "\(place)的处理意见（\(decision.rule)，\(decision.subject)）没有对应的检查结果：问题可能已经改正，或「对象」与 qcsite check 列出的不同；请核对后改正或删除这一行"
                : "\(place)的规则「\(decision.rule)」不存在；规则应为 \(RuleID.allCases.filter { $0 != id }.map(\.rawValue).joined(separator: "、")) 之一"
            return Finding(self, .warning, subject: decision.subject, message: message,
                           evidence: ["rule": .string(decision.rule), "subject": .string(decision.subject),
                                      "path": .string(decision.sourcePath), "line": .int(decision.sourceLine)])
        }
    }
}
