import Foundation
import Parallelism

/// The Atom feed of notices, `sitemap.xml` of every page, and `robots.txt`. Runs last: the
/// sitemap lists the pages the other sections rendered. Dates come from the content, never
/// from the clock, so a rebuild gives the same bytes.
enum FeedSection {
    /// The feed, with the sitemap's lines of every page of `files` (`Sitemap`, gathered as the
    /// sections that made them ended).
    static func render(into files: inout OutputFiles, _ context: RenderContext, sitemap: Sitemap) throws {
        try files.add(SitePath.feed, text: Self.atom(context))
        let lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"]
            + sitemap.lines + ["</urlset>"]
        try files.add(SitePath.sitemap, text: lines.joined(separator: "\n") + "\n")
        try files.add("robots.txt", text: "User-agent: *\nAllow: /\n\nSitemap: \(Self.encoded(context.urls.absolute(SitePath.sitemap)))\n")
    }

    /// The sitemap's lines of some of the site's files (its pages but the 404 page), in the
    /// order of the pages' addresses. Made for each section's files as it ends, and merged: a
    /// national site's 11,000 lines are not all made after the last section.
    struct Sitemap {
        private(set) var pages: [String] = []
        private(set) var lines: [String] = []

        init() {}

        init(paths: [String], urls: SiteURLs) {
            pages = paths.filter { $0.hasSuffix(".html") && $0 != "404.html" }.map { path -> String in
                path == "index.html" ? "" : path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path
            }.sorted()
            lines = Parallel.map(Parallel.runs(of: pages, size: 1024)) { run in
                run.map { "  <url><loc>\(XMLEscaping.escape(FeedSection.encoded(urls.absolute($0))))</loc></url>" }
            }.flatMap { $0 }
        }

        /// These lines and `other`'s (of other files: no page is in both), in order.
        mutating func merge(_ other: Sitemap) {
            var (pages, lines) = ([String](), [String]())
            pages.reserveCapacity(self.pages.count + other.pages.count)
            lines.reserveCapacity(pages.capacity)
            var (i, j) = (0, 0)
            while i < self.pages.count || j < other.pages.count {
                if j == other.pages.count || i < self.pages.count && self.pages[i] < other.pages[j] {
                    pages.append(self.pages[i])
                    lines.append(self.lines[i])
                    i += 1
                } else {
                    pages.append(other.pages[j])
                    lines.append(other.lines[j])
                    j += 1
                }
            }
            (self.pages, self.lines) = (pages, lines)
        }
    }

    static func atom(_ context: RenderContext) -> String {
        let notices = context.record.notices
        let updated = notices.map(\.date).max().map(timestamp) ?? "1970-01-01T00:00:00+08:00"
        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            // xml:base resolves the root-relative links inside the notices' HTML.
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\"\(context.urls.isAbsolute ? " xml:base=\"\(XMLEscaping.escape(context.urls.base))\"" : "")>",
            "  <title>\(XMLEscaping.escape(context.config.title)) · 通知公告</title>",
            "  <id>\(XMLEscaping.escape(context.urls.absolute(SitePath.feed)))</id>",
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(XMLEscaping.escape(context.urls.absolute(SitePath.feed)))\"/>",
            "  <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLEscaping.escape(context.urls.absolute(SitePath.notices)))\"/>",
            "  <updated>\(updated)</updated>",
        ]
        if let author = context.config.organisers.first {
            lines.append("  <author><name>\(XMLEscaping.escape(author))</name></author>")
        }
        for notice in notices {
            let url = XMLEscaping.escape(Self.encoded(context.urls.absolute(SitePath.notice(notice.slug))))
            lines += [
                "  <entry>",
                "    <title>\(XMLEscaping.escape(notice.title))</title>",
                "    <id>\(url)</id>",
                "    <link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>",
                "    <published>\(timestamp(notice.date))</published>",
                "    <updated>\(timestamp(notice.date))</updated>",
                "    <summary>\(XMLEscaping.escape(notice.summary.isEmpty ? context.excerpt(notice.markdown) : notice.summary))</summary>",
                "    <content type=\"html\">\(XMLEscaping.escape(context.markdown(notice.markdown)))</content>",
                "  </entry>",
            ]
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A notice date as an Atom timestamp, midnight in China.
    static func timestamp(_ date: String) -> String {
        "\(date)T00:00:00+08:00"
    }

    /// An address with non-ASCII path characters percent-encoded, as sitemaps and feeds want.
    /// The sitemap lists every page of a national site: an address of plain characters, as
    /// nearly all are, is returned as it is, checked on bytes (Foundation would leave it so too).
    static func encoded(_ address: String) -> String {
        if address.utf8.allSatisfy({ $0 < 0x80 && plainByte[Int($0)] }) { return address }
        return address.addingPercentEncoding(withAllowedCharacters: allowed) ?? address
    }

    /// What `encoded` leaves as it is: a fragment's characters, and `#`.
    private static let allowed = CharacterSet.urlFragmentAllowed.union(CharacterSet(charactersIn: "#"))

    /// The ASCII bytes of `allowed`, by value.
    private static let plainByte: [Bool] = (0..<128).map { byte in
        allowed.contains(Unicode.Scalar(UInt8(byte)))
    }
}
