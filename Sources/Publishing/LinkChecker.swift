import Foundation
import Diagnostics
import Parallelism

/// Checks every internal link of the rendered site before it is published: each `href` and
/// `src` under the site's base path (or its absolute address) must name a rendered file, a
/// folder link `x/` naming `x/index.html`. Fragments and queries are ignored. Every broken
/// link is reported at once, with the page and line that carries it.
public enum LinkChecker {
    /// - Parameter kept: pages of the site that are not in `files` (the output holds them as
    ///   they are): links to them resolve; their own links are not read.
    public static func check(_ files: [String: Data], kept: Set<String> = [], urls: SiteURLs, outputName: String = "public") throws {
        // Pages are checked on every core at once, in runs of neighbouring pages; their errors
        // are gathered in page order.
        let pages = files.keys.sorted().filter { $0.hasSuffix(".html") }
        let exists = { @Sendable (path: String) in files[path] != nil || kept.contains(path) }
        let errors = Parallel.map(Parallel.runs(of: pages, size: 256)) { run in
            var known: [String: String?] = [:]
            return run.flatMap { page in
                brokenLinks(of: page, in: files, exists: exists, urls: urls, outputName: outputName, known: &known)
            }
        }.flatMap { $0 }
        if !errors.isEmpty { throw InputErrors(errors) }
    }

    /// `known`: what is wrong with each link that names the same file from every page (a
    /// root-relative or absolute one, as the layout's are on every page): nil for nothing.
    private static func brokenLinks(of page: String, in files: [String: Data], exists: (String) -> Bool,
                                    urls: SiteURLs, outputName: String, known: inout [String: String?]) -> [InputError] {
        var errors: [InputError] = []
        for link in links(in: files[page]!) {
            let problem: String?
            if let seen = known[link.value] {
                problem = seen
            } else {
                let fixed = fixedTarget(of: link.value, urls: urls)
                switch fixed ?? pageTarget(resolve(link.value, against: page)) {
                case .outside: problem = nil
                case .page(let target) where resolves(target, exists): problem = nil
                case .page: problem = "指向的页面或文件不存在 (broken internal link)；请修改内容中的链接或主题模板"
                case .outsideBase:
                    problem = "以 / 开头，却不在网站地址 \(urls.basePath) 之下 (outside the base path)；请写成相对链接或完整地址"
                }
                if fixed != nil { known[link.value] = problem }
            }
            guard let problem else { continue }
            errors.append(InputError(path: "\(outputName)/\(page)", line: link.line, "链接 \(link.value) \(problem)"))
        }
        return errors
    }

    /// `href="…"` and `src="…"` values (quoted with " or ') with their 1-based lines, entities
    /// decoded. A plain byte scan: it runs over every page of the site on every build.
    static func links(in html: Data) -> [(value: String, line: Int)] {
        var found: [(String, Int)] = []
        html.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            let n = bytes.count
            var line = 1
            var i = 0
            func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
            func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 || b == 12 }
            while i < n {
                let b = bytes[i]
                if b == 10 { line += 1 }
                guard isSpace(b), i + 4 < n else { i += 1; continue }
                var j = i + 1
                if lower(bytes[j]) == 104, j + 3 < n, lower(bytes[j + 1]) == 114, lower(bytes[j + 2]) == 101, lower(bytes[j + 3]) == 102 {
                    j += 4  // href
                } else if lower(bytes[j]) == 115, j + 2 < n, lower(bytes[j + 1]) == 114, lower(bytes[j + 2]) == 99 {
                    j += 3  // src
                } else {
                    i += 1
                    continue
                }
                while j < n, isSpace(bytes[j]) { j += 1 }
                guard j < n, bytes[j] == 61 else { i += 1; continue }  // =
                j += 1
                while j < n, isSpace(bytes[j]) { j += 1 }
                guard j < n, bytes[j] == 34 || bytes[j] == 39 else { i += 1; continue }  // " or '
                let quote = bytes[j]
                let start = j + 1
                var end = start
                while end < n, bytes[end] != quote { end += 1 }
                found.append((decodeEntities(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)), line))
                for k in (i + 1)..<min(end, n) where bytes[k] == 10 { line += 1 }
                i = end + 1
            }
        }
        return found
    }

    enum Target: Equatable {
        /// Another site, a mail address, a fragment of the same page: not checked.
        case outside
        /// An output path of this site.
        case page(String)
        /// A root-relative link the site's base path does not cover (it would break on deploy).
        case outsideBase
    }

    /// What a link on `page` names.
    static func target(of link: String, from page: String, urls: SiteURLs) -> Target {
        fixedTarget(of: link, urls: urls) ?? pageTarget(resolve(link, against: page))
    }

    /// What a link names whatever page carries it; nil for a link relative to its page.
    static func fixedTarget(of link: String, urls: SiteURLs) -> Target? {
        if urls.isAbsolute, link.hasPrefix(urls.base) {
            return pageTarget(String(link.dropFirst(urls.base.count)))
        } else if link.hasPrefix("//") || link.utf8.contains(UInt8(ascii: ":")) && !link.hasPrefix("/") && !link.hasPrefix(".") {
            return .outside  // http:, mailto:, tel:, data:, another host
        } else if link.hasPrefix("/") {
            guard link.hasPrefix(urls.basePath) else { return .outsideBase }
            return pageTarget(String(link.dropFirst(urls.basePath.count)))
        } else if link.isEmpty || link.hasPrefix("#") || link.hasPrefix("?") {
            return .outside
        }
        return nil
    }

    /// A path of the site, without its fragment or query, percent-decoded.
    private static func pageTarget(_ path: String) -> Target {
        var path = path
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
        return .page(path.utf8.contains(UInt8(ascii: "%")) ? path.removingPercentEncoding ?? path : path)
    }

    /// A relative link resolved against the folder of the page that carries it (`../x/` on
    /// `2024/shortlist/index.html` is `2024/x/`), as a browser resolves it.
    static func resolve(_ link: String, against page: String) -> String {
        plainResolve(link, against: page) ?? foundationResolve(link, against: page)
    }

    /// `resolve` for the links the site's own pages carry, of plain characters only, by
    /// RFC 3986's merge and dot-segment removal; nil for any other (`foundationResolve`).
    static func plainResolve(_ link: String, against page: String) -> String? {
        func isPlain(_ text: String, _ extra: String) -> Bool {
            text.utf8.allSatisfy { byte in
                byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") || byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
                    || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || "-._~/".utf8.contains(byte) || extra.utf8.contains(byte)
            }
        }
        guard isPlain(link, "?#=&"), isPlain(page, ""), !link.hasPrefix("/") else { return nil }
        let reference = link.prefix { $0 != "?" && $0 != "#" }
        guard !reference.isEmpty else { return nil }
        let folder = page.lastIndex(of: "/").map { page[...$0] } ?? ""
        let segments = (folder + reference).split(separator: "/", omittingEmptySubsequences: false)
        var path: [Substring] = []
        for (index, segment) in segments.enumerated() {
            let last = index == segments.count - 1
            if segment == "." || segment == ".." {
                if segment == "..", !path.isEmpty { path.removeLast() }
                if last { path.append("") }
            } else {
                path.append(segment)
            }
        }
        return path.joined(separator: "/")
    }

    static func foundationResolve(_ link: String, against page: String) -> String {
        let encodedPage = page.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? page
        guard let base = URL(string: "http://site.invalid/" + encodedPage),
              let resolved = URL(string: link, relativeTo: base)?.absoluteURL,
              var components = URLComponents(url: resolved, resolvingAgainstBaseURL: false) else { return link }
        components.query = nil
        components.fragment = nil
        return String(components.percentEncodedPath.dropFirst())
    }

    static func resolves(_ path: String, _ exists: (String) -> Bool) -> Bool {
        if path == "/" || path.isEmpty { return exists("index.html") }
        if path.hasSuffix("/") { return exists(path + "index.html") }
        return exists(path) || exists(path + "/index.html")
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
