import Foundation
import GRDB

/// The stages of a year, in the order the notice runs them.
public enum Stage: String, Codable, Sendable, CaseIterable, Comparable, DatabaseValueConvertible {
    case registration, review, shortlist, onsite, results

    public static func < (a: Stage, b: Stage) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// A stage as staff write it: the key (`shortlist`) or its Chinese name (入围, 公布入围名单).
    public init?(named name: String) {
        let key = name.trimmingCharacters(in: .whitespaces)
        if let stage = Stage(rawValue: key.lowercased()) {
            self = stage
            return
        }
        guard let stage = Stage.allCases.first(where: { $0.chineseNames.contains(key) }) else { return nil }
        self = stage
    }

    /// Every Chinese name a stage is written with, the usual one first.
    public var chineseNames: [String] {
        switch self {
        case .registration: ["报名"]
        case .review: ["资料评审", "资料初审"]
        case .shortlist: ["入围", "公布入围名单"]
        case .onsite: ["现场发表"]
        case .results: ["结果", "公布结果"]
        }
    }

    /// The stages for a message that asks for one: `registration（报名）、review（资料评审）、…`.
    public static var allowedNames: String {
        allCases.map { "\($0.rawValue)（\($0.chineseNames[0])）" }.joined(separator: "、")
    }

    /// The stage's name as staff and visitors read it.
    public var chineseName: String {
        switch self {
        case .registration: "报名"
        case .review: "资料初审"
        case .shortlist: "公布入围名单"
        case .onsite: "现场发表"
        case .results: "公布结果"
        }
    }
}

/// One year's competition: its notice, how far it is published, and its rules.
public struct Competition: ArchiveRecord {
    public static let databaseTableName = "competition"
    public var year: Int
    public var title: String
    public var docNumber: String?
    public var issued: String?
    public var published: Stage
    public var rules: CompetitionRules
    public var sourcePath: String
    /// A hash of the year's files and the registry they were resolved with.
    public var sourceFingerprint: String?

    enum CodingKeys: String, CodingKey {
        case year, title, docNumber = "doc_number", issued, published, rules = "rules_json",
            sourcePath = "source_path", sourceFingerprint = "source_fingerprint"
    }

    public init(year: Int, title: String, docNumber: String? = nil, issued: String? = nil,
                published: Stage, rules: CompetitionRules = CompetitionRules(), sourcePath: String, sourceFingerprint: String? = nil) {
        self.sourceFingerprint = sourceFingerprint
        self.year = year
        self.title = title
        self.docNumber = docNumber
        self.issued = issued
        self.published = published
        self.rules = rules
        self.sourcePath = sourcePath
    }
}

/// The dates of one stage of a year (`starts_on` alone for a one-day stage).
public struct CompetitionStage: ArchiveRecord {
    public static let databaseTableName = "competition_stage"
    public var year: Int
    public var stage: Stage
    public var startsOn: String?
    public var endsOn: String?

    enum CodingKeys: String, CodingKey {
        case year, stage, startsOn = "starts_on", endsOn = "ends_on"
    }

    public init(year: Int, stage: Stage, startsOn: String?, endsOn: String?) {
        self.year = year
        self.stage = stage
        self.startsOn = startsOn
        self.endsOn = endsOn
    }
}
