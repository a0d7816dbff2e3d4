import Foundation

/// The request line and headers of an HTTP/1.x request, as the preview server needs them.
struct HTTPRequestHead: Equatable {
    var method: String
    /// The request target as sent: a path, optionally with `?query`.
    var target: String
    var host: String?

    /// Parses a complete head (up to and including its blank line); a status code when the
    /// request is malformed (400), too large (414, 431) or of an unknown version (505).
    static func parse(_ bytes: ArraySlice<UInt8>, limits: PreviewLimits) -> Result<HTTPRequestHead, HTTPRefusal> {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first else { return .failure(.badRequest) }
        guard first.count <= limits.requestLineBytes else { return .failure(.uriTooLong) }
        guard lines.count - 1 <= limits.headerLines else { return .failure(.headersTooLarge) }

        let parts = first.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, let method = token(parts[0]), let version = String(bytes: parts[2], encoding: .ascii),
              // Only origin-form targets, printable ASCII: nothing a header could be forged from.
              parts[1].first == UInt8(ascii: "/"), parts[1].allSatisfy({ (0x21...0x7E).contains($0) }) else {
            return .failure(.badRequest)
        }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { return .failure(.versionNotSupported) }
        var head = HTTPRequestHead(method: method, target: String(decoding: parts[1], as: UTF8.self), host: nil)
        for line in lines.dropFirst() {
            // A folded or nameless header line is how requests are smuggled past other servers.
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), let name = token(line[line.startIndex..<colon]) else {
                return .failure(.badRequest)
            }
            if name.lowercased() == "host" {
                guard head.host == nil else { return .failure(.badRequest) }
                head.host = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            }
        }
        return .success(head)
    }

    /// An HTTP token (method or header name), or nil when the bytes are not one.
    static func token(_ bytes: ArraySlice<UInt8>) -> String? {
        guard !bytes.isEmpty, bytes.allSatisfy(tokenBytes.contains) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    static let tokenBytes = Set("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
}
