import GRDB

/// A notice of the association, in Markdown.
public struct Notice: ArchiveRecord {
    public static let databaseTableName = "notice"
    public var slug: String
    public var title: String
    public var date: String
    public var year: Int?
    public var summary: String
    public var markdown: String
    public var attachments: [Attachment]
    /// Kept off the site altogether.
    public var draft: Bool
    /// The stage of `year` the notice announces: it appears once that stage is published.
    public var stage: Stage?
    /// The notice's own 文号 (`doc_number` in its front matter), shown on the list it announces.
    public var docNumber: String?
    /// The line of the file its Markdown starts on (after the front matter), so an error in the
    /// body is reported at the line staff see.
    public var bodyLine: Int
    public var sourcePath: String

    /// A file linked from a notice, its path relative to the content folder.
    public struct Attachment: Codable, Sendable, Equatable {
        public var title: String
        public var file: String

        public init(title: String, file: String) {
            self.title = title
            self.file = file
        }
    }

    enum CodingKeys: String, CodingKey {
        case slug, title, date, year, summary, markdown, attachments = "attachments_json", draft, stage,
            docNumber = "doc_number", bodyLine = "body_line", sourcePath = "source_path"
    }

    public init(slug: String, title: String, date: String, year: Int?, summary: String, markdown: String,
                attachments: [Attachment] = [], draft: Bool = false, stage: Stage? = nil, docNumber: String? = nil,
                bodyLine: Int = 1, sourcePath: String) {
        self.slug = slug
        self.title = title
        self.date = date
        self.year = year
        self.summary = summary
        self.markdown = markdown
        self.attachments = attachments
        self.draft = draft
        self.stage = stage
        self.docNumber = docNumber
        self.bodyLine = bodyLine
        self.sourcePath = sourcePath
    }
}

/// Another page of the site (about, rules), in Markdown.
public struct Page: ArchiveRecord {
    public static let databaseTableName = "page"
    public var slug: String
    public var title: String
    public var markdown: String
    public var sourcePath: String

    enum CodingKeys: String, CodingKey {
        case slug, title, markdown, sourcePath = "source_path"
    }

    public init(slug: String, title: String, markdown: String, sourcePath: String) {
        self.slug = slug
        self.title = title
        self.markdown = markdown
        self.sourcePath = sourcePath
    }
}
