
/// Every rule `check` knows, in the order reports list them. The raw values are the ids the
/// contract names and the JSON output carries.
public enum RuleID: String, CaseIterable, Sendable, Codable, Comparable {
    case resubmission
    case maxPerEnterprise = "max-per-enterprise"
    case presenters
    case type
    case deadline
    case materials
    case judgeConflict = "judge-conflict"
    case scoreRange = "score-range"
    case shortlistTie = "shortlist-tie"
    case awardQuota = "award-quota"
    case excellentWindow = "excellent-window"
    case excellentPublication = "excellent-publication"
    case memberUnitQuota = "member-unit-quota"
    case profileLength = "profile-length"
    case claimUnverified = "claim-unverified"
    /// A decision of decisions.csv that matches no finding (last: it reads every other rule's findings).
    case decisionUnmatched = "decision-unmatched"

    /// Report order: the order of the cases.
    public static func < (a: RuleID, b: RuleID) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

extension RuleID: CustomStringConvertible {
    /// The id as reports and JSON print it (`max-per-enterprise`).
    public var description: String { rawValue }
}
