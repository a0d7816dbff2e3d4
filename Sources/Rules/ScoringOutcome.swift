import Archive

/// A score sheet the ranking left out of the means, and why.
public struct ExcludedSheet: Sendable {
    public enum Reason: Sendable, Equatable {
        /// The judge belongs to the entry's own enterprise (回避).
        case ownEnterprise(judgeEnterprise: String, organisation: String)
        case outOfRange(SheetProblem)
    }

    public var sheet: ScoreSheet
    public var registration: Registration
    public var reason: Reason
}

/// Entries that share a rank across a cut (the shortlist size, or a prize's last slot): all of
/// them went through, and staff must decide.
public struct BoundaryTie: Sendable {
    public enum Boundary: Sendable, Equatable {
        case shortlist(size: Int)
        /// The last slot of `award`, at place `place` of the on-site order.
        case prize(award: String, place: Int)
    }

    public var boundary: Boundary
    public var entries: [(id: String, mean: Double, rank: Int)]

    public var round: ScoreRound {
        if case .shortlist = boundary { return .material }
        return .onsite
    }
}
