import GRDB
import TextKeys
import Synchronization

/// What staff decided about an entry; only `active` entries are ranked and published.
public enum EntryStatus: String, Codable, Sendable, DatabaseValueConvertible {
    case active, withdrawn, disqualified
}

/// One registered achievement (成果) of a QC group.
public struct Registration: ArchiveRecord {
    public static let databaseTableName = "registration"
    public var year: Int
    public var id: String
    public var enterpriseId: String
    public var enterpriseNameAsWritten: String
    public var groupName: String
    public var title: String
    public var type: String
    public var tutor: String
    public var registeredOn: String?
    public var contact: String
    public var phone: String
    public var email: String
    public var address: String
    public var postcode: String
    public var status: EntryStatus
    /// Columns of the form the contract does not name, by header.
    public var extra: [String: String]
    public var sourcePath: String
    public var sourceLine: Int

    enum CodingKeys: String, CodingKey {
        case year, id, enterpriseId = "enterprise_id",
            enterpriseNameAsWritten = "enterprise_name_as_written", groupName = "group_name", title, type,
            tutor, registeredOn = "registered_on", contact, phone, email, address, postcode, status,
            extra = "extra_json", sourcePath = "source_path", sourceLine = "source_line"
    }

    public init(year: Int, id: String, enterpriseId: String, enterpriseNameAsWritten: String,
                groupName: String, title: String, type: String, tutor: String = "",
                registeredOn: String? = nil, contact: String = "", phone: String = "",
                email: String = "", address: String = "", postcode: String = "",
                status: EntryStatus = .active, extra: [String: String] = [:],
                sourcePath: String, sourceLine: Int) {
        self.year = year
        self.id = id
        self.enterpriseId = enterpriseId
        self.enterpriseNameAsWritten = enterpriseNameAsWritten
        self.groupName = groupName
        self.title = title
        self.type = type
        self.tutor = tutor
        self.registeredOn = registeredOn
        self.contact = contact
        self.phone = phone
        self.email = email
        self.address = address
        self.postcode = postcode
        self.status = status
        self.extra = extra
        self.sourcePath = sourcePath
        self.sourceLine = sourceLine
    }
}

extension Registration {
    /// The order of a year's registrations as the archive gives them: the form's (the source
    /// line), then by id in the order of its bytes (SQLite's order of text).
    static func inFormOrder(_ a: Registration, _ b: Registration) -> Bool {
        a.sourceLine != b.sourceLine ? a.sourceLine < b.sourceLine : ByteOrder.precedes(a.id, b.id)
    }
}

/// A presenter (发表人) or member (小组成员) of a registered group, in form order.
public struct RegistrationPerson: ArchiveRecord {
    public enum Role: String, Codable, Sendable, DatabaseValueConvertible { case presenter, member }
    public static let databaseTableName = "registration_person"
    public var year: Int
    public var registrationId: String
    public var role: Role
    public var position: Int
    public var name: String

    enum CodingKeys: String, CodingKey {
        case year, registrationId = "registration_id", role, position, name
    }

    public init(year: Int, registrationId: String, role: Role, position: Int, name: String) {
        self.year = year
        self.registrationId = registrationId
        self.role = role
        self.position = position
        self.name = name
    }
}

/// A material submitted with a registration (推荐表PDF, 推荐表Word, 成果报告, 活动记录).
public struct RegistrationMaterial: ArchiveRecord {
    public static let databaseTableName = "registration_material"
    public var year: Int
    public var registrationId: String
    public var material: String

    enum CodingKeys: String, CodingKey {
        case year, registrationId = "registration_id", material
    }

    public init(year: Int, registrationId: String, material: String) {
        self.year = year
        self.registrationId = registrationId
        self.material = material
    }
}

/// The write-up of an achievement (小组简介和主要活动过程与效果), in Markdown.
public struct Writeup: ArchiveRecord {
    public static let databaseTableName = "writeup"
    public var year: Int
    public var registrationId: String
    public var title: String?
    /// The Markdown; nil for a write-up read from the archive without it (`text()` reads it).
    /// Set, it gives the write-up its digest and blankness anew.
    public var markdown: String? {
        get { storedMarkdown }
        set {
            storedMarkdown = newValue
            if let newValue { (digest, blank) = (Self.digest(of: newValue), TextNormalization.trimmedLines(newValue).isEmpty) }
        }
    }
    private var storedMarkdown: String?
    public var sourcePath: String
    /// A key of the Markdown (`digest(of:)`): what pages and search documents are keyed by, and
    /// what tells a changed write-up, without its text.
    public private(set) var digest: String
    /// Whether the Markdown is only blank lines (the public record then shows no write-up).
    public private(set) var blank: Bool
    /// A key of the file's bytes as qcsite read them (`ContentReader`'s source key); nil when not
    /// known (a row written before it was kept). An import takes an unchanged file's write-up
    /// from the archive by it, without reading the file again.
    public var source: String? = nil
    /// Where the Markdown is read from when it was left in the archive.
    public var texts: WriteupTexts? = nil

    enum CodingKeys: String, CodingKey {
        case year, registrationId = "registration_id", title, storedMarkdown = "markdown", sourcePath = "source_path", digest, blank,
             source
    }

    public init(year: Int, registrationId: String, title: String?, markdown: String, sourcePath: String, source: String? = nil) {
        self.init(year: year, registrationId: registrationId, title: title, markdown: markdown, sourcePath: sourcePath,
                  digest: Self.digest(of: markdown), blank: TextNormalization.trimmedLines(markdown).isEmpty, source: source)
    }

    init(year: Int, registrationId: String, title: String?, markdown: String?, sourcePath: String, digest: String, blank: Bool,
         source: String?) {
        self.year = year
        self.registrationId = registrationId
        self.title = title
        storedMarkdown = markdown
        self.sourcePath = sourcePath
        self.digest = digest
        self.blank = blank
        self.source = source
    }

    /// The write-up archived from a file whose bytes are still those it was read from, found
    /// at `sourcePath` now: as archived, its Markdown left in the archive.
    public func unchanged(at sourcePath: String) -> Writeup {
        Writeup(year: year, registrationId: registrationId, title: title, markdown: nil, sourcePath: sourcePath, digest: digest,
                blank: blank, source: source)
    }

    /// The Markdown, read from the archive if it was left there.
    public func text() throws -> String {
        if let markdown { return markdown }
        guard let texts else { throw ArchiveError("成果材料 \(registrationId) 的正文未读入") }
        return try texts.markdown(registrationId, digest: digest)
    }

    /// Equal by what they say: the Markdown by its digest, read or not.
    public static func == (a: Writeup, b: Writeup) -> Bool {
        (a.year, a.registrationId, a.title, a.sourcePath) == (b.year, b.registrationId, b.title, b.sourcePath)
            && (a.digest, a.blank, a.source) == (b.digest, b.blank, b.source)
    }

    /// 128 bits of `StreamHash` of the Markdown, in hex.
    public static func digest(of markdown: String) -> String {
        var hash = StreamHash()
        hash.add(counted: markdown)
        return hash.hex
    }
}

/// The text of a year's write-ups read from the archive without it, read when a page asks for
/// one: one by one for the first few (a rebuild renders the pages of a write-up or two), then
/// the rest of the year at once (a template changed renders them all).
public final class WriteupTexts: Sendable {
    private let path: String
    private let year: Int
    private let state = Mutex<State>(State())

    private struct State {
        var archive: ArchiveDatabase?
        var texts: [String: String] = [:]
        var all = false
        var asked = 0
    }

    /// How many write-ups are read one by one before the rest of the year is read at once.
    static let singly = 8

    init(path: String, year: Int) {
        self.path = path
        self.year = year
    }

    /// The Markdown of the write-up of `registrationId`, as the archive holds it; an error when
    /// the archive cannot be read or holds none (never an empty text).
    public func markdown(_ registrationId: String, digest: String) throws -> String {
        let (path, year) = (path, year)
        let texts = try state.withLock { state -> [String: String] in
            if state.all || state.texts[registrationId] != nil { return state.texts }
            if state.archive == nil { state.archive = try ArchiveDatabase(readingFrom: path) }
            state.asked += 1
            if state.asked > Self.singly {
                state.texts = try state.archive!.read { db in try RegistrationRows.texts(year: year, in: db) }
                state.all = true
            } else if let text = try state.archive!.read({ db in try RegistrationRows.text(year: year, registrationId: registrationId, in: db) }) {
                state.texts[registrationId] = text
            }
            return state.texts
        }
        guard let text = texts[registrationId], Writeup.digest(of: text) == digest else {
            throw ArchiveError("存档中 \(year) 年 \(registrationId) 的成果材料与读入时不同；请重新运行 qcsite build")
        }
        return text
    }
}
