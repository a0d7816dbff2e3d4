import Foundation
import TextKeys
import Archive

/// An achievement as the public may see it: no contact column, no person, no score unless the
/// site publishes scores, no outcome before its stage is published.
public struct PublicEntry: Sendable, Equatable, Encodable {
    public let year: Int
    /// 编号.
    public let id: String
    public let enterpriseId: String
    /// The name on the enterprise's seal, as the registry has it.
    public let enterprise: String
    public let group: String
    public let title: String
    public let type: String
    public let shortlisted: Bool
    public let award: String?
    /// Whether the achievement has a page of its own (result-published years, `archive_publish`).
    public let hasPage: Bool
    /// The write-up, only where the entry has a page and the write-up is not empty.
    public let writeup: PublicWriteup?
    public let materialScore: Double?
    public let onsiteScore: Double?
    /// What became of it, as far as its year's published stage tells.
    public let outcome: Outcome

    /// Everything but the write-up's text, of which only whether there is one is encoded: the
    /// entry as the lists show it (`PublicRecord`'s outline). A page that shows the text keys
    /// the text itself.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year)
        try c.encode(id, forKey: .id)
        try c.encode(enterpriseId, forKey: .enterpriseId)
        try c.encode(enterprise, forKey: .enterprise)
        try c.encode(group, forKey: .group)
        try c.encode(title, forKey: .title)
        try c.encode(type, forKey: .type)
        try c.encode(shortlisted, forKey: .shortlisted)
        try c.encode(award, forKey: .award)
        try c.encode(hasPage, forKey: .hasPage)
        try c.encode(writeup != nil, forKey: .hasWriteup)
        try c.encode(materialScore, forKey: .materialScore)
        try c.encode(onsiteScore, forKey: .onsiteScore)
        try c.encode(outcome, forKey: .outcome)
    }

    private enum CodingKeys: String, CodingKey {
        case year, id, enterpriseId, enterprise, group, title, type, shortlisted, award, hasPage, hasWriteup
        case materialScore, onsiteScore, outcome
    }

    /// By 编号 as people read them: `2024-9` before `2024-10`.
    public static func byID(_ a: PublicEntry, _ b: PublicEntry) -> Bool {
        EntryOrder.precedes(a.id, b.id)
    }
}

/// An achievement's write-up: the digest of its Markdown, which keys what shows it, and the
/// Markdown itself, read from the archive only when a page or a search document is made of it.
public struct PublicWriteup: Sendable, Equatable {
    public let digest: String
    private let writeup: Writeup

    public init(_ writeup: Writeup) {
        digest = writeup.digest
        self.writeup = writeup
    }

    /// A write-up of the given Markdown.
    public init(markdown: String) {
        self.init(Writeup(year: 0, registrationId: "", title: nil, markdown: markdown, sourcePath: ""))
    }

    /// The Markdown; an error when it cannot be read (never an empty text).
    public func markdown() throws -> String {
        try writeup.text()
    }

    public static func == (a: PublicWriteup, b: PublicWriteup) -> Bool { a.digest == b.digest }
}

/// An enterprise of the registry (its seal name, aliases and member unit are public).
public struct PublicEnterprise: Sendable, Equatable, Encodable {
    public let id: String
    public let name: String
    public let aliases: [String]
    public let memberUnitId: String?
    public let isMember: Bool
}

/// An enterprise selected 质量管理小组活动优秀企业, once results are published.
public struct PublicExcellent: Sendable, Equatable, Encodable {
    /// 申报编号.
    public let id: String
    public let enterpriseId: String
    public let enterprise: String
    /// The member unit that recommended it, as named in the registry or on the application.
    public let memberUnit: String
}

/// A notice the public may read.
public struct PublicNotice: Sendable, Equatable, Encodable {
    public let slug: String
    public let title: String
    public let date: String
    public let year: Int?
    /// The stage of `year` it announces, if any.
    public let stage: Stage?
    /// Its own 文号, if the front matter gives one.
    public let docNumber: String?
    public let summary: String
    public let markdown: String
    public let attachments: [Attachment]
    /// The file it was read from, and the line of that file its Markdown starts on, for errors about it.
    public let sourcePath: String
    public let bodyLine: Int

    /// The same notice with other Markdown (its archive lists filled in).
    public func replacingMarkdown(_ markdown: String) -> PublicNotice {
        PublicNotice(slug: slug, title: title, date: date, year: year, stage: stage, docNumber: docNumber, summary: summary,
                     markdown: markdown, attachments: attachments, sourcePath: sourcePath, bodyLine: bodyLine)
    }

    public struct Attachment: Sendable, Equatable, Encodable {
        public let title: String
        /// Relative to the content folder.
        public let file: String
    }
}

/// Another page of the site (about, rules).
public struct PublicPage: Sendable, Equatable, Encodable {
    public let slug: String
    public let title: String
    public let markdown: String
}
