import Foundation
import Publishing

/// What one output folder changes compared with another, as staff ask before a stage goes out:
/// pages (HTML) and downloads (the lists' CSV and JSON, notices' attachments) added, changed and
/// removed, the other files (styles, search index, feed, sitemap) counted, and the achievements
/// and excellent enterprises the published lists (`<year>/shortlist.json`, `results.json`)
/// name for the first time.
public struct SiteChanges: Sendable, Equatable {
    /// Site paths (`/2025/shortlist/`), each list sorted.
    public struct Paths: Sendable, Equatable {
        public var added: [String] = []
        public var changed: [String] = []
        public var removed: [String] = []

        public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }
    }

    /// An achievement (编号 and title) or an excellent enterprise (申报编号 and name) a list names.
    public struct Listed: Sendable, Equatable, Hashable {
        public var year: Int
        public var id: String
        public var title: String
    }

    public var pages = Paths()
    public var downloads = Paths()
    public var otherFiles = Paths()
    public var newEntries: [Listed] = []
    public var newExcellent: [Listed] = []

    public var isEmpty: Bool { pages.isEmpty && downloads.isEmpty && otherFiles.isEmpty }

    /// The changes from the site in `old` (which may not exist yet) to the site in `new`.
    public static func between(old: URL, new: URL) -> SiteChanges {
        let before = OutputWriter.existingFiles(in: old), after = OutputWriter.existingFiles(in: new)
        var changes = SiteChanges()
        for path in before.union(after).sorted() {
            let shown = sitePath(path)
            let kind: WritableKeyPath<SiteChanges, Paths> = path.hasSuffix(".html") ? \.pages : isDownload(path) ? \.downloads : \.otherFiles
            switch (before.contains(path), after.contains(path)) {
            case (false, true): changes[keyPath: kind].added.append(shown)
            case (true, false): changes[keyPath: kind].removed.append(shown)
            default:
                if FileManager.default.contents(atPath: old.appendingPathComponent(path).path)
                    != FileManager.default.contents(atPath: new.appendingPathComponent(path).path) {
                    changes[keyPath: kind].changed.append(shown)
                }
            }
        }
        let (oldEntries, oldExcellent) = listed(in: old, files: before)
        let (newEntries, newExcellent) = listed(in: new, files: after)
        // By year and id: an entry whose title was corrected is not public for the first time.
        let fresh = { (now: [Listed], before: [Listed]) -> [Listed] in
            let known = Set(before.map { "\($0.year) \($0.id)" })
            return now.filter { !known.contains("\($0.year) \($0.id)") }.sorted { ($0.year, $0.id) < ($1.year, $1.id) }
        }
        changes.newEntries = fresh(newEntries, oldEntries)
        changes.newExcellent = fresh(newExcellent, oldExcellent)
        return changes
    }


    /// `2025/shortlist/index.html` → `/2025/shortlist/`; `index.html` → `/`.
    static func sitePath(_ path: String) -> String {
        if path == "index.html" { return "/" }
        if path.hasSuffix("/index.html") { return "/" + path.dropLast("index.html".count) }
        return "/" + path
    }

    /// The lists' downloads and notices' attachments; not the site's own machinery.
    static func isDownload(_ path: String) -> Bool {
        let machinery = ["assets/", "search/", "archive/"]
        let files = ["feed.xml", "sitemap.xml", "robots.txt", "favicon.ico"]
        return !machinery.contains { path.hasPrefix($0) } && !files.contains(path)
    }

    private struct ShortlistFile: Decodable {
        struct Entry: Decodable { var id, title: String }
        var year: Int
        var entries: [Entry]
    }

    private struct ResultsFile: Decodable {
        struct Award: Decodable { var id, title: String }
        struct Enterprise: Decodable { var id, enterprise: String }
        var year: Int
        var awards: [Award]
        var excellentEnterprises: [Enterprise]

        enum CodingKeys: String, CodingKey { case year, awards, excellentEnterprises = "excellent_enterprises" }
    }

    /// Achievements and excellent enterprises the site's lists name, in year and list order.
    private static func listed(in folder: URL, files: Set<String>) -> ([Listed], [Listed]) {
        var entries: [Listed] = [], excellent: [Listed] = []
        var seen: (entries: Set<Listed>, excellent: Set<Listed>) = ([], [])
        func add(_ item: Listed, to list: inout [Listed], _ known: inout Set<Listed>) { if known.insert(item).inserted { list.append(item) } }
        for path in files.sorted() {
            let name = (path as NSString).lastPathComponent
            guard path.split(separator: "/").count == 2, ["shortlist.json", "results.json"].contains(name),
                  let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else { continue }
            if let list = try? JSONDecoder().decode(ShortlistFile.self, from: data) {
                list.entries.forEach { add(Listed(year: list.year, id: $0.id, title: $0.title), to: &entries, &seen.entries) }
            } else if let list = try? JSONDecoder().decode(ResultsFile.self, from: data) {
                list.awards.forEach { add(Listed(year: list.year, id: $0.id, title: $0.title), to: &entries, &seen.entries) }
                list.excellentEnterprises.forEach { add(Listed(year: list.year, id: $0.id, title: $0.enterprise), to: &excellent, &seen.excellent) }
            }
        }
        return (entries, excellent)
    }
}
