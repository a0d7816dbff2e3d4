import Foundation
import SafePaths

/// Output paths of the site's pages, one place for every section and link to agree on.
/// Paths are relative to the output folder; a page's link is `urls.link(path)`.
package enum SitePath {
    /// Search data named by its content (`search/d/<hash>.bin`, `search/t/…`, see `SearchShards`
    /// and `TitleCheck`): only the two manifests name these files, and a rebuild replaces them
    /// whenever the index changes, so one that goes is no link of a page gone.
    package static func isContentNamedSearchData(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "search" && ["d", "p", "g", "f", "m", "t"].contains(parts[1])
    }

    static let home = ""
    static let notices = "notices/"
    static func notice(_ slug: String) -> String { "notices/\(segment(slug))/" }
    static func year(_ year: Int) -> String { "\(year)/" }
    static func shortlist(_ year: Int) -> String { "\(year)/shortlist/" }
    static func results(_ year: Int) -> String { "\(year)/results/" }
    static func achievement(_ year: Int, _ id: String) -> String { "\(year)/\(segment(id))/" }
    static let enterprises = "enterprises/"
    static func enterprise(_ id: String) -> String { "enterprises/\(segment(id))/" }
    static let archive = "archive/"
    static let search = "search/"
    static let searchIndex = "search/index.json"
    static let searchTitles = "search/titles.json"
    static let feed = "feed.xml"
    static let sitemap = "sitemap.xml"

    /// The file a page path is written to (`2024/` → `2024/index.html`).
    static func file(_ path: String) -> String {
        path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    }

    /// A path segment safe in a URL and a file name. Import refuses 编号 with characters that
    /// would break a link (`AddressID`), so this changes nothing for archived ids; it stays as a
    /// guard for slugs and ids from elsewhere.
    static func segment(_ text: String) -> String {
        // Archived ids are letters, digits, - and _: nothing to replace, and no character to
        // look at one by one (every link of every page is made here).
        let plain = text.utf8.allSatisfy(AddressID.isAllowed(byte:))
        return plain ? text : String(text.map { AddressID.isDisallowed($0) ? "-" : $0 })
    }
}
