
/// One rule of the competition, checked against one year of the archive. Each rule lives in a
/// file named after its id; `Checker.rules` lists them all.
protocol Rule: Sendable {
    var id: RuleID { get }
    /// Whether the rule reads the findings of the rules before it (`RuleContext.earlierFindings`):
    /// those run after the others, which run side by side.
    var readsFindings: Bool { get }
    func findings(_ context: RuleContext) -> [Finding]
}

extension Rule {
    var readsFindings: Bool { false }
}

extension Finding {
    init(_ rule: some Rule, _ severity: Severity, subject: String, message: String, evidence: [String: JSONValue]) {
        self.init(rule: rule.id, severity: severity, subject: subject, message: message, evidence: evidence)
    }
}
