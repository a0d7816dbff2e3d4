import Foundation

/// The site's addresses: links are root-relative under the base path (`/qc/...` for
/// `https://host/qc/`), canonical links and feeds are absolute.
public struct SiteURLs: Sendable, Equatable {
    /// `https://host/qc/` (empty host when the site has only a path).
    public let base: String
    /// `/qc/`
    public let basePath: String

    public init(baseURL: String) {
        var base = baseURL.trimmingCharacters(in: .whitespaces)
        if base.isEmpty { base = "/" }
        if !base.hasSuffix("/") { base += "/" }
        self.base = base
        if let components = URLComponents(string: base), components.host != nil {
            var path = components.path
            if path.isEmpty { path = "/" }
            if !path.hasSuffix("/") { path += "/" }
            basePath = path
        } else {
            basePath = base.hasPrefix("/") ? base : "/" + base
        }
    }

    /// A link to an output path (`2024/results/` or `assets/site.css`).
    public func link(_ path: String) -> String {
        basePath + path
    }

    /// The absolute address of an output path, for canonical links, feeds and the sitemap.
    public func absolute(_ path: String) -> String {
        if base.hasPrefix("http://") || base.hasPrefix("https://") { return base + path }
        return link(path)
    }

    public var isAbsolute: Bool { base.hasPrefix("http://") || base.hasPrefix("https://") }
}
