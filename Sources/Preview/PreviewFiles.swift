import Foundation

/// The built site as the preview server reads it: a request path to a file of the output
/// folder and never outside it, `index.html` for a folder, `404.html` for what is missing,
/// and the preview's additions put into HTML responses (never into the files themselves).
public struct PreviewFiles: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// The response to a request target (`/path?query`); `addition` is HTML put before the
    /// end of every HTML page served.
    public func response(target: String, addition: String? = nil) -> PreviewResponse {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts.first.map(String.init) ?? ""
        guard let decoded = path.removingPercentEncoding else { return notFound(addition) }
        var segments: [String] = []
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init) {
            // `..` (also percent-encoded), `.`, backslashes and NUL never name a file of the site.
            if segment == ".." || segment == "." || segment.contains("\\") || segment.contains("\0") { return notFound(addition) }
            segments.append(segment)
        }
        var file = segments.reduce(root) { $0.appendingPathComponent($1) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory) else { return notFound(addition) }
        if isDirectory.boolValue {
            if !decoded.hasSuffix("/") {
                return PreviewResponse(status: 301, contentType: "text/plain; charset=utf-8", body: Data(),
                                       location: Self.folderLocation(segments, query: parts.count > 1 ? String(parts[1]) : nil))
            }
            file.appendPathComponent("index.html")
        }
        // A symbolic link may not lead out of the output folder either.
        let real = file.resolvingSymlinksInPath().path
        let base = root.resolvingSymlinksInPath().path
        guard real.hasPrefix(base.hasSuffix("/") ? base : base + "/") else { return notFound(addition) }
        let data: Data
        switch Self.read(real) {
        case .read(let bytes): data = bytes
        case .missing: return notFound(addition)
        case .noDescriptor: return Self.busy
        }
        let type = Self.contentType(file.pathExtension)
        return PreviewResponse(status: 200, contentType: type, body: inject(data, type: type, addition))
    }

    /// A folder's address rebuilt from its checked segments, never from the request: the
    /// request's `//host` or `/\host` would make a browser leave the site.
    static func folderLocation(_ segments: [String], query: String?) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;\\")
        let path = segments.map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }.joined(separator: "/")
        return "/" + path + (path.isEmpty ? "" : "/") + (query.map { "?" + $0 } ?? "")
    }

    /// The answer when the file exists but no descriptor is free to open it: "try again", never
    /// "not found", which would tell staff that the page they just built is missing.
    public static let busy = PreviewResponse(
        status: 503, contentType: contentType("txt"),
        body: Data("预览服务器暂时无法打开文件（可打开的文件数已用尽），请稍后刷新页面\n".utf8))

    enum FileRead {
        case read(Data)
        case missing
        /// The process (or the system) has no descriptor left to open it with.
        case noDescriptor
    }

    /// The bytes of a file, telling a file that is not there from one that could not be opened
    /// for want of a descriptor.
    static func read(_ path: String) -> FileRead {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return errno == EMFILE || errno == ENFILE ? .noDescriptor : .missing }
        defer { close(fd) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(buffer, count: count)
            } else if count == 0 {
                return .read(data)
            } else if errno != EINTR {
                return .missing
            }
        }
    }

    func notFound(_ addition: String?) -> PreviewResponse {
        let type = Self.contentType("html")
        // Before the first good build there is no 404.html: a page of our own still carries the
        // errors and the reload script.
        let data = FileManager.default.contents(atPath: root.appendingPathComponent("404.html").path)
            ?? Data("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>页面未找到</title></head><body><h1>页面未找到</h1></body></html>\n".utf8)
        return PreviewResponse(status: 404, contentType: type, body: inject(data, type: type, addition))
    }

    func inject(_ data: Data, type: String, _ addition: String?) -> Data {
        guard let addition, type.hasPrefix("text/html") else { return data }
        var html = String(decoding: data, as: UTF8.self)
        if let end = html.range(of: "</body>", options: [.backwards, .caseInsensitive]) {
            html.insert(contentsOf: addition, at: end.lowerBound)
        } else {
            html += addition
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

#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif
