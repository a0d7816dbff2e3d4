import Foundation

/// One finding of `qcsite check`: a rule broken (or nearly broken) by one subject.
public struct Finding: Sendable, Equatable, Encodable {
    public enum Severity: String, Sendable, Encodable, Comparable {
        case error, warning
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var rule: RuleID
    public var severity: Severity
    /// The 编号, 申报编号 or enterprise id the finding is about.
    public var subject: String
    /// What is wrong, in Chinese, as a staff member reads it.
    public var message: String
    /// The values that break the rule and the limit they break.
    public var evidence: [String: JSONValue]
    /// Staff's decision on it (decisions.csv), when they recorded one: a handled finding is still
    /// reported, but no longer stops publication. Absent from the JSON when nil.
    public var handled: Handling?

    /// A decision as `check` shows it beside its finding.
    public struct Handling: Sendable, Equatable, Encodable {
        /// 处理意见.
        public var note: String
        /// `YYYY-MM-DD`.
        public var date: String

        public init(note: String, date: String) {
            self.note = note
            self.date = date
        }
    }

    public init(rule: RuleID, severity: Severity, subject: String, message: String, evidence: [String: JSONValue],
                handled: Handling? = nil) {
        self.rule = rule
        self.severity = severity
        self.subject = subject
        self.message = message
        self.evidence = evidence
        self.handled = handled
    }
}

extension Finding {
    /// The finding as its synthesized `Encodable` conformance encodes it (`handled` only when set).
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = ["rule": .string(rule.rawValue), "severity": .string(severity.rawValue),
                                            "subject": .string(subject), "message": .string(message),
                                            "evidence": .object(evidence)]
        if let handled { members["handled"] = ["note": .string(handled.note), "date": .string(handled.date)] }
        return .object(members)
    }
}
