/// Escaping of text and attribute values written into HTML and XML: `&`, `<`, `>` and both
/// quotes. The one escaping of the site: templates' `{{value}}` (`HTMLText`), and what is
/// written by hand (the feed, the sitemap, the chart, the preview's error banner).
///
/// It works on the UTF-8 bytes, not on characters: a quote followed by a combining mark is one
/// Swift `Character` that is not `"`, yet to a browser it is a quote that ends an attribute.
package enum XMLEscaping {
    package static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x40 && replacement($0) != nil }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` escaped, added to the bytes of a page being rendered (`TemplateRenderer`).
    /// Runs of bytes between the escaped ones are copied whole.
    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var run = 0
            for index in bytes.indices where bytes[index] < 0x40 {
                guard let escaped = replacement(bytes[index]) else { continue }
                out.append(contentsOf: bytes[run..<index])
                out.append(contentsOf: escaped)
                run = index + 1
            }
            out.append(contentsOf: bytes[run...])
        }
    }

    private static func replacement(_ byte: UInt8) -> [UInt8]? {
        switch byte {
        case UInt8(ascii: "&"): amp
        case UInt8(ascii: "<"): lt
        case UInt8(ascii: ">"): gt
        case UInt8(ascii: "\""): quot
        case UInt8(ascii: "'"): apos
        default: nil
        }
    }

    private static let amp = Array("&amp;".utf8), lt = Array("&lt;".utf8), gt = Array("&gt;".utf8)
    private static let quot = Array("&quot;".utf8), apos = Array("&#39;".utf8)
}
