/// What became of an entry, in the one vocabulary every list, page and report uses.
public enum Outcome: Sendable, Equatable, Encodable {
    /// A prize or another recorded award (一等奖 … 优秀奖).
    case award(String)
    /// Shortlisted for the on-site round, without an award.
    case shortlisted
    /// The results are out and the entry was not shortlisted.
    case notShortlisted
    /// The year's results are not yet published.
    case pending

    public init(award: String?, shortlisted: Bool, resultsPublished: Bool) {
        if let award { self = .award(award) } else if !resultsPublished { self = .pending }
        else { self = shortlisted ? .shortlisted : .notShortlisted }
    }

    public var words: String {
        switch self {
        case .award(let name): name
        case .shortlisted: "入围现场发表"
        case .notShortlisted: "未入围"
        case .pending: "结果待公布"
        }
    }
}
