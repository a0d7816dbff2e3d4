import Foundation

/// Checks every internal link of the rendered site before it is published: each `href` and
/// `src` under the site's base path (or its absolute address) must name a rendered file, a
/// folder link `x/` naming `x/index.html`. Fragments and queries are ignored. Every broken
/// link is reported at once, with the page and line that carries it.
public enum LinkChecker {
    public static func check(_ files: [String: Data], urls: SiteURLs, outputName: String = "public") throws {
        var errors: [InputError] = []
        for page in files.keys.sorted() where page.hasSuffix(".html") {
            let text = String(decoding: files[page]!, as: UTF8.self)
            for link in links(in: text) {
                guard let target = target(of: link.value, urls: urls) else { continue }
                if !resolves(target, in: files) {
                    errors.append(InputError(path: "\(outputName)/\(page)", line: link.line,
                                             "链接 \(link.value) 指向的页面或文件不存在 (broken internal link)；请修改内容中的链接或主题模板"))
                }
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
    }

    /// `href="…"` and `src="…"` values with their 1-based lines, entities decoded.
    static func links(in html: String) -> [(value: String, line: Int)] {
        var found: [(String, Int)] = []
        let pattern = try! NSRegularExpression(pattern: #"\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')"#, options: [.caseInsensitive])
        let ns = html as NSString
        var lineStarts: [Int] = [0]
        for (index, unit) in html.utf16.enumerated() where unit == 10 { lineStarts.append(index + 1) }
        for match in pattern.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            let range = match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range(at: 2)
            let line = lineStarts.lastIndex { $0 <= match.range.location }.map { $0 + 1 } ?? 1
            found.append((decodeEntities(ns.substring(with: range)), line))
        }
        return found
    }

    /// The output path a link names, or nil for a link outside the site.
    static func target(of link: String, urls: SiteURLs) -> String? {
        var path: String
        if urls.isAbsolute, link.hasPrefix(urls.base) {
            path = String(link.dropFirst(urls.base.count))
        } else if link.hasPrefix(urls.basePath), !link.hasPrefix("//") {
            path = String(link.dropFirst(urls.basePath.count))
        } else {
            return nil
        }
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
        return path.removingPercentEncoding ?? path
    }

    static func resolves(_ path: String, in files: [String: Data]) -> Bool {
        if path.isEmpty || path.hasSuffix("/") { return files[path + "index.html"] != nil }
        return files[path] != nil || files[path + "/index.html"] != nil
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
