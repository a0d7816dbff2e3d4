import Foundation

/// A JSON value for evidence and machine output, encoded with sorted keys so output is stable.
public enum JSONValue: Sendable, Equatable, Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String), int(Int), double(Double), bool(Bool), array([JSONValue]), object([String: JSONValue]), null

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let v): try container.encode(v)
        case .int(let v): try container.encode(v)
        case .double(let v): try container.encode(v)
        case .bool(let v): try container.encode(v)
        case .array(let v): try container.encode(v)
        case .object(let v): try container.encode(v)
        case .null: try container.encodeNil()
        }
    }

    /// A score as evidence: rounded to 4 decimals so JSON shows 86.25, not 86.24999999.
    public static func score(_ value: Double) -> JSONValue {
        .double((value * 10_000).rounded() / 10_000)
    }
}

/// One finding of `qcsite check`: a rule broken (or nearly broken) by one subject.
public struct Finding: Sendable, Equatable, Encodable {
    public enum Severity: String, Sendable, Encodable, Comparable {
        case error, warning
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var rule: String
    public var severity: Severity
    /// The 编号, 申报编号 or enterprise id the finding is about.
    public var subject: String
    /// What is wrong, in Chinese, as a staff member reads it.
    public var message: String
    /// The values that break the rule and the limit they break.
    public var evidence: [String: JSONValue]

    public init(rule: String, severity: Severity, subject: String, message: String, evidence: [String: JSONValue]) {
        self.rule = rule
        self.severity = severity
        self.subject = subject
        self.message = message
        self.evidence = evidence
    }
}

/// Every rule id `check` knows, in the order reports list them.
public enum RuleID {
    public static let all = [
        "resubmission", "max-per-enterprise", "presenters", "type", "deadline", "materials",
        "judge-conflict", "score-range", "shortlist-tie", "award-quota", "excellent-window", "excellent-publication",
        "member-unit-quota", "profile-length", "claim-unverified",
    ]
}
