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
    /// `[{"title": ..., "file": ...}]`, paths relative to the content folder.
    public var attachmentsJson: String
    public var frontMatterJson: String
    public var sourcePath: String

    enum CodingKeys: String, CodingKey {
        case slug, title, date, year, summary, markdown, attachmentsJson = "attachments_json",
            frontMatterJson = "front_matter_json", sourcePath = "source_path"
    }

    public init(slug: String, title: String, date: String, year: Int?, summary: String, markdown: String,
                attachmentsJson: String = "[]", frontMatterJson: String = "{}", sourcePath: String) {
        self.slug = slug
        self.title = title
        self.date = date
        self.year = year
        self.summary = summary
        self.markdown = markdown
        self.attachmentsJson = attachmentsJson
        self.frontMatterJson = frontMatterJson
        self.sourcePath = sourcePath
    }
}

/// Another page of the site (about, rules), in Markdown.
public struct Page: ArchiveRecord {
    public static let databaseTableName = "page"
    public var slug: String
    public var title: String
    public var markdown: String
    public var frontMatterJson: String
    public var sourcePath: String

    enum CodingKeys: String, CodingKey {
        case slug, title, markdown, frontMatterJson = "front_matter_json", sourcePath = "source_path"
    }

    public init(slug: String, title: String, markdown: String, frontMatterJson: String = "{}", sourcePath: String) {
        self.slug = slug
        self.title = title
        self.markdown = markdown
        self.frontMatterJson = frontMatterJson
        self.sourcePath = sourcePath
    }
}
