import Foundation

/// Pipe tables (`| a | b |` over `| --- | --- |`) in CommonMark's HTML output: libcmark has no
/// table extension and leaves them as a paragraph, so that paragraph becomes a table. The
/// cells are cmark's own already-escaped inline HTML, so nothing raw gets through.
enum PipeTables {
    static let paragraph = try! NSRegularExpression(pattern: #"<p>(\|[^\n]*\|(?:\n\|[^\n]*\|)+)</p>"#)
    static let delimiter = try! NSRegularExpression(pattern: #"^\|(?:\s*:?-{3,}:?\s*\|)+$"#)

    static func apply(_ html: String) -> String {
        guard html.contains("<p>|") else { return html }
        let ns = html as NSString
        var out = ""
        var last = 0
        for match in paragraph.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            let lines = ns.substring(with: match.range(at: 1)).components(separatedBy: "\n")
            guard lines.count >= 2,
                  delimiter.firstMatch(in: lines[1], range: NSRange(location: 0, length: (lines[1] as NSString).length)) != nil
            else { continue }
            out += ns.substring(with: NSRange(location: last, length: match.range.location - last))
            out += table(header: cells(lines[0]), rows: lines.dropFirst(2).map(cells))
            last = match.range.location + match.range.length
        }
        return out + ns.substring(from: last)
    }

    static func cells(_ line: String) -> [String] {
        line.dropFirst().dropLast().components(separatedBy: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static func table(header: [String], rows: [[String]]) -> String {
        var html = "<div class=\"table-scroll\"><table>\n<thead><tr>"
        html += header.map { "<th>\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            let padded = row + Array(repeating: "", count: max(0, header.count - row.count))
            html += "<tr>" + padded.prefix(header.count).map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody></table></div>"
    }
}
