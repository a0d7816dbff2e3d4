import Foundation
import TextKeys
import Disclosure

/// The data of "can this title be registered?" (拟申报课题查重): the titles a proposed title
/// is compared with, and the threshold of the year being registered for.
///
/// The no-resubmission rule compares a year's registrations with those of the `years_back`
/// years before it. Only titles the public record already shows may be shipped, so the page
/// compares with the public part of those years and says so; `qcsite check` compares with all.
///
/// Published as `search/titles.json` and shards of title bigrams (`t/<name>.bin`): for each
/// bigram of the similarity (`Similarity.bigrams`, NFC), the compared titles holding it, each
/// with the bigram's count in it and its number of bigrams. That is all the Dice coefficient
/// needs, so checking a title reads only the shards of its own bigrams; the titles shown are
/// search documents (the same number), read from their fragments.
struct TitleCheck {
    struct Title {
        var year: Int
        var id: String
        var title: String
    }

    /// The year a proposed title would be registered in.
    var forYear: Int
    /// The years compared (older first), only those with public titles.
    var years: [Int]
    var threshold: Double
    /// Which titles are compared, in words, shown on the page.
    var scope: String
    var titles: [Title]

    // Stored, not computed: Mustache sees stored properties only.
    var thresholdPercent: String
    var hasTitles: Bool

    init(forYear: Int, years: [Int], threshold: Double, scope: String, titles: [Title]) {
        self.forYear = forYear
        self.years = years
        self.threshold = threshold
        self.scope = scope
        self.titles = titles
        thresholdPercent = "\(Int((threshold * 100).rounded()))%"
        hasTitles = !titles.isEmpty
    }

    struct Manifest: Codable, Equatable {
        var version = 2
        var forYear: Int
        var years: [Int]
        var threshold: Double
        var scope: String
        /// The number of titles compared.
        var titles: Int
        /// The first bigram of each shard, and the shards' names (`ContentName.names`).
        var shards: [String]
        var files: String

        enum CodingKeys: String, CodingKey {
            case version, forYear = "for_year", years, threshold, scope, titles, shards, files
        }
    }

    static let manifestPath = SitePath.searchTitles
    /// About how many bytes a shard of title bigrams holds.
    static let shardBytes = 4096
    static func shardPath(_ name: String) -> String { "search/t/\(name).bin" }

    /// `search/titles.json` and the title shards, naming each compared title by its number in
    /// the search `index`.
    func files(index: SearchIndex, shardBytes: Int = shardBytes) throws -> [String: Data] {
        try files(numbered: numbered(Self.numbers(index.documents.map(Self.name(of:)))), shardBytes: shardBytes)
    }

    /// How the check names an achievement's search document: its year and 编号 ("2024/2024-001").
    static func name(year: Int, id: String) -> String { "\(year)/\(id)" }

    /// The name of an achievement's document; nil for any other document.
    static func name(of document: SearchIndex.Document) -> String? {
        guard document.kind == AchievementDocument.kind, let year = document.year, let id = document.id else { return nil }
        return name(year: year, id: id)
    }

    /// The number of each achievement's search document, by its name (`name(year:id:)`), from
    /// those of the documents in index order (nil for any other document).
    static func numbers(_ names: [String?]) -> [String: Int] {
        var numbers: [String: Int] = [:]
        for (number, name) in names.enumerated() { if let name { numbers[name] = number } }
        return numbers
    }

    /// The compared titles that have a search document, by its number, in that order.
    func numbered(_ numbers: [String: Int]) -> [(number: Int, title: String)] {
        titles.compactMap { title in numbers[Self.name(year: title.year, id: title.id)].map { (number: $0, title: title.title) } }
            .sorted { $0.number < $1.number }
    }

    /// The key of everything the files are made from, besides qcsite itself (in `dataKey`).
    func key(numbered: [(number: Int, title: String)], shardBytes: Int, dataKey: String) -> String {
        var key = InputKey()
        key.add(dataKey)
        for value in [Int64(forYear), Int64(bitPattern: threshold.bitPattern), Int64(shardBytes), Int64(years.count)] + years.map(Int64.init) {
            key.add(value)
        }
        key.add(scope)
        for (number, title) in numbered {
            key.add(Int64(number))
            key.add(title)
        }
        return key.value
    }

    func files(numbered: [(number: Int, title: String)], shardBytes: Int = shardBytes) throws -> [String: Data] {
        var postings: [[UInt32]: [UInt8]] = [:]
        var last: [[UInt32]: Int] = [:]
        for (number, title) in numbered {
            let bigrams = Similarity.bigrams(TextNormalization.nfc(TextNormalization.titleKey(title)))
            var counts: [[UInt32]: Int] = [:]
            for bigram in bigrams { counts[bigram.unicodeScalars.map(\.value), default: 0] += 1 }
            for (key, count) in counts {
                VarInt.append(number - last[key, default: -1] - 1, to: &postings[key, default: []])
                VarInt.append(count, to: &postings[key]!)
                VarInt.append(bigrams.count, to: &postings[key]!)
                last[key] = number
            }
        }
        let entries = postings.keys.sorted(by: BigramCode.precedes).map { ShardSet.Entry(key: $0, payloads: [postings[$0]![...]]) }
        let shards = ShardSet(entries: entries, kinds: 1, target: shardBytes)
        var files: [String: Data] = [:]
        let names = try SearchShards.add(shards.files.map { $0[0] }, to: &files, at: Self.shardPath)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        files[Self.manifestPath] = try encoder.encode(Manifest(
            forYear: forYear, years: years, threshold: threshold, scope: scope, titles: numbered.count,
            shards: shards.firstKeys, files: ContentName.names(names)))
        return files
    }

    /// The year being registered for is the newest archived year while its registrations are
    /// not yet public, else the year after it; its rules give `years_back` and the threshold.
    static func build(_ context: RenderContext) -> TitleCheck {
        let record = context.record
        let years = record.years
        guard let newest = years.last else {
            return TitleCheck(forYear: 0, years: [], threshold: CompetitionRules().resubmission.similarity,
                              scope: "存档中还没有年度数据，暂无可比对的课题。", titles: [])
        }
        let forYear = record.registrationYear ?? newest.year
        let rules = (record.year(forYear) ?? newest).rules
        let back = max(1, rules.resubmission.yearsBack)

        var compared: [Int] = []
        var titles: [Title] = []
        var parts: [String] = []
        for y in (forYear - back)..<forYear {
            guard let year = record.year(y) else { continue }
            let visible = year.entries.sorted(by: PublicEntry.byID)
            guard !visible.isEmpty else { continue }
            compared.append(y)
            parts.append("\(y)年度已公开的\(scopeName(year, record))课题（\(visible.count)项）")
            for registration in visible {
                titles.append(Title(year: y, id: registration.id, title: registration.title))
            }
        }
        let scope = parts.isEmpty
            ? "\(forYear - back)年度的报名课题尚未公开，暂无可比对的课题。"
            : "比对范围：" + parts.joined(separator: "，") + "。"
        return TitleCheck(forYear: forYear, years: compared, threshold: rules.resubmission.similarity, scope: scope, titles: titles)
    }

    /// What part of a year's registrations the public record shows.
    static func scopeName(_ year: PublicYear, _ record: PublicRecord) -> String {
        guard year.showsResults else { return "入围名单" }
        switch record.policy {
        case .all: return "全部有效报名"
        case .shortlisted: return "入围及获奖成果"
        case .awarded: return "获奖成果"
        }
    }
}
