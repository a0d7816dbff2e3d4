import Foundation

/// A response of the preview server, independent of the HTTP library.
public struct PreviewResponse: Sendable, Equatable {
    public var status: Int
    public var contentType: String
    public var body: Data
    /// For a redirect (a folder asked for without its trailing slash).
    public var location: String?
}

/// The built site as the preview server reads it: a request path to a file of the output
/// folder and never outside it, `index.html` for a folder, `404.html` for what is missing,
/// and the live-reload script injected into HTML responses (never into the files themselves).
public struct PreviewFiles: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public func response(path rawPath: String, reloadScript: String? = nil) -> PreviewResponse {
        let path = rawPath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        guard let decoded = path.removingPercentEncoding else { return notFound(reloadScript) }
        var segments: [String] = []
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init) {
            // `..` (also percent-encoded), `.`, backslashes and NUL never name a file of the site.
            if segment == ".." || segment == "." || segment.contains("\\") || segment.contains("\0") { return notFound(reloadScript) }
            segments.append(segment)
        }
        var file = segments.reduce(root) { $0.appendingPathComponent($1) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory) else { return notFound(reloadScript) }
        if isDirectory.boolValue {
            if !decoded.isEmpty && !decoded.hasSuffix("/") {
                return PreviewResponse(status: 301, contentType: "text/plain; charset=utf-8", body: Data(), location: path + "/")
            }
            file.appendPathComponent("index.html")
        }
        // A symbolic link may not lead out of the output folder either.
        let real = file.resolvingSymlinksInPath().path
        let base = root.resolvingSymlinksInPath().path
        guard real.hasPrefix(base.hasSuffix("/") ? base : base + "/"),
              let data = FileManager.default.contents(atPath: real) else { return notFound(reloadScript) }
        let type = Self.contentType(file.pathExtension)
        return PreviewResponse(status: 200, contentType: type, body: inject(data, type: type, reloadScript), location: nil)
    }

    func notFound(_ reloadScript: String?) -> PreviewResponse {
        let page = root.appendingPathComponent("404.html")
        guard let data = FileManager.default.contents(atPath: page.path) else {
            return PreviewResponse(status: 404, contentType: "text/plain; charset=utf-8", body: Data("404 页面未找到\n".utf8), location: nil)
        }
        let type = Self.contentType("html")
        return PreviewResponse(status: 404, contentType: type, body: inject(data, type: type, reloadScript), location: nil)
    }

    func inject(_ data: Data, type: String, _ script: String?) -> Data {
        guard let script, type.hasPrefix("text/html") else { return data }
        var html = String(decoding: data, as: UTF8.self)
        if let end = html.range(of: "</body>", options: .backwards) {
            html.insert(contentsOf: script, at: end.lowerBound)
        } else {
            html += script
        }
        return Data(html.utf8)
    }

    static func contentType(_ pathExtension: String) -> String {
        switch pathExtension.lowercased() {
        case "html", "htm": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "json": "application/json; charset=utf-8"
        case "xml": "application/xml; charset=utf-8"
        case "atom": "application/atom+xml; charset=utf-8"
        case "csv": "text/csv; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "pdf": "application/pdf"
        case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "doc": "application/msword"
        case "xls": "application/vnd.ms-excel"
        case "zip": "application/zip"
        default: "application/octet-stream"
        }
    }
}
