
/// One rule of the competition, checked against one year of the archive. Each rule lives in a
/// file named after its id; `Checker.rules` lists them all.
protocol Rule: Sendable {
    var id: RuleID { get }
    func findings(_ context: RuleContext) -> [Finding]
}

extension Finding {
    init(_ rule: some Rule, _ severity: Severity, subject: String, message: String, evidence: [String: JSONValue]) {
        self.init(rule: rule.id, severity: severity, subject: subject, message: message, evidence: evidence)
    }
}
