import GRDB

/// Staff's decision on a finding of `qcsite check`, recorded in the year's `decisions.csv`: a
/// finding with a decision is handled — still reported, no longer stopping publication.
public struct Decision: ArchiveRecord {
    public static let databaseTableName = "decision"
    public var year: Int
    /// The rule id as `check` prints it (`judge-conflict`); checked against the rules when the
    /// year is checked, since the archive knows no rules.
    public var rule: String
    /// The finding's subject as `check` prints it: 编号, 申报编号, enterprise or member-unit id.
    public var subject: String
    /// 处理意见: what staff decided and why.
    public var note: String
    /// `YYYY-MM-DD`.
    public var decidedOn: String
    /// Columns of the table the contract does not name, by header.
    public var extra: [String: String]
    public var sourcePath: String
    public var sourceLine: Int

    enum CodingKeys: String, CodingKey {
        case year, rule, subject, note, decidedOn = "decided_on", extra = "extra_json", sourcePath = "source_path",
            sourceLine = "source_line"
    }

    public init(year: Int, rule: String, subject: String, note: String, decidedOn: String, extra: [String: String] = [:],
                sourcePath: String, sourceLine: Int) {
        self.year = year
        self.rule = rule
        self.subject = subject
        self.note = note
        self.decidedOn = decidedOn
        self.extra = extra
        self.sourcePath = sourcePath
        self.sourceLine = sourceLine
    }
}
