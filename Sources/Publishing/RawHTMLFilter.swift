import CCmarkGFM

/// Raw HTML that staff let into notices and pages (`markdown_raw_html: true`) may lay out text,
/// never run script. In every tag, event handlers (`onclick`, …) and `srcdoc` are dropped, and
/// so is a URL attribute whose scheme is refused (`URLSchemes`) however it is written: with
/// character references, in capitals, with tabs. A tag still open where the raw HTML ends is
/// written as text, so it cannot swallow the Markdown that follows into its attributes.
/// (`<script>`, `<iframe>`, `<style>` … are escaped by cmark-gfm's tagfilter extension.)
enum RawHTMLFilter {
    /// Attributes whose value is one URL.
    static let urlAttributes: Set<String> = [
        "href", "src", "action", "formaction", "poster", "background", "cite", "data", "codebase", "longdesc",
        "lowsrc", "dynsrc", "ping", "manifest", "icon", "usemap", "classid", "archive", "profile",
    ]
    /// Attributes that hold several URLs, or set one through SVG animation.
    static let urlListAttributes: Set<String> = ["srcset", "imagesrcset", "values", "to", "from", "by"]

    static func apply(to document: MarkdownDocument) {
        let raw = document.nodes { let type = MarkdownDocument.type($0); return type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE }
        for node in raw {
            let literal = MarkdownDocument.literal(node)
            let filtered = filter(literal)
            if filtered != literal { cmark_node_set_literal(node, filtered) }
        }
    }

    /// `html` with every tag's attributes filtered. It is read the way a browser's tokenizer reads
    /// it, so that what this takes for an attribute value or a comment the browser does too: a
    /// comment ends where the browser ends it, and whatever a browser would read in another way
    /// (`<![CDATA[`, `<!x`, `<?`, a tag left open) is written as text instead.
    package static func filter(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else { out.append(bytes[i]); i += 1; continue }
            if bytes[i...].starts(with: Array("<!--".utf8)) {
                let end = commentEnd(bytes, from: i + 4)
                out += bytes[i..<end]
                i = end
                continue
            }
            let nameStart = i + 1 + (i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "/") ? 1 : 0)
            if nameStart < bytes.count, isLetter(bytes[nameStart]), let (tag, end) = tag(bytes, from: i) {
                out += tag
                i = end
            } else {
                out += Array("&lt;".utf8)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Elements whose content a browser reads as plain text, where a sanitiser and the browser
    /// could disagree about where a tag is: written as text.
    static let textElements: Set<String> = [
        "script", "style", "noscript", "iframe", "noembed", "noframes", "xmp", "plaintext", "title", "textarea",
    ]

    /// The index after a comment whose `<!--` ends before `start`: at `>` or `->` right away, else
    /// after the first `-->` or `--!>`, else at the end.
    private static func commentEnd(_ b: [UInt8], from start: Int) -> Int {
        if b[start...].starts(with: Array(">".utf8)) { return start + 1 }
        if b[start...].starts(with: Array("->".utf8)) { return start + 2 }
        var j = start
        while j < b.count {
            if b[j...].starts(with: Array("-->".utf8)) { return j + 3 }
            if b[j...].starts(with: Array("--!>".utf8)) { return j + 4 }
            j += 1
        }
        return b.count
    }

    /// The tag starting at `start` rebuilt with the attributes that may stay, and the index after
    /// its `>`; nil when it never closes, or opens an element of plain text.
    private static func tag(_ b: [UInt8], from start: Int) -> ([UInt8], Int)? {
        var j = start + 1
        if b[j] == UInt8(ascii: "/") { j += 1 }
        let nameStart = j
        while j < b.count, !isSpace(b[j]), b[j] != UInt8(ascii: "/"), b[j] != UInt8(ascii: ">") { j += 1 }
        if textElements.contains(String(decoding: b[nameStart..<j], as: UTF8.self).lowercased()) { return nil }
        var out = Array(b[start..<j])
        var selfClosing = false
        while true {
            while j < b.count, isSpace(b[j]) || b[j] == UInt8(ascii: "/") {
                selfClosing = b[j] == UInt8(ascii: "/")
                j += 1
            }
            guard j < b.count else { return nil }
            if b[j] == UInt8(ascii: ">") {
                out += Array((selfClosing ? "/>" : ">").utf8)
                return (out, j + 1)
            }
            selfClosing = false
            let attributeStart = j
            j += 1  // a name may begin with any character, even `=`
            while j < b.count, !isSpace(b[j]), b[j] != UInt8(ascii: "/"), b[j] != UInt8(ascii: ">"), b[j] != UInt8(ascii: "=") { j += 1 }
            let name = String(decoding: b[attributeStart..<j], as: UTF8.self).lowercased()
            var value: String?
            var k = j
            while k < b.count, isSpace(b[k]) { k += 1 }
            if k < b.count, b[k] == UInt8(ascii: "=") {
                k += 1
                while k < b.count, isSpace(b[k]) { k += 1 }
                guard k < b.count else { return nil }
                if b[k] == UInt8(ascii: "\"") || b[k] == UInt8(ascii: "'") {
                    guard let close = b[(k + 1)...].firstIndex(of: b[k]) else { return nil }
                    value = String(decoding: b[(k + 1)..<close], as: UTF8.self)
                    k = close + 1
                } else {
                    let valueStart = k
                    while k < b.count, !isSpace(b[k]), b[k] != UInt8(ascii: ">") { k += 1 }
                    value = String(decoding: b[valueStart..<k], as: UTF8.self)
                }
                j = k
            }
            if keeps(name, value) { out += [UInt8(ascii: " ")] + b[attributeStart..<j] }
        }
    }

    static func keeps(_ name: String, _ value: String?) -> Bool {
        if name.hasPrefix("on") || name == "srcdoc" { return false }
        guard let value else { return true }
        let decoded = CharacterReferences.decode(value)
        if urlAttributes.contains(name) || name.hasSuffix(":href") { return !URLSchemes.isRefused(decoded) }
        if urlListAttributes.contains(name) { return !URLSchemes.mentionsRefused(decoded) }
        return true
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }
}
