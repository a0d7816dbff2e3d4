/// Escaping of text and attribute values written into HTML and XML by hand (the feed, the
/// sitemap, the chart, the preview's error banner): `&`, `<`, `>` and both quotes.
package enum XMLEscaping {
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
