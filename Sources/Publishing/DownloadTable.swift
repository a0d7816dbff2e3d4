import Foundation

/// A published list as a download: a CSV that Excel opens as it is (UTF-8 with BOM, CRLF,
/// RFC 4180 quoting) with cells defused against formula injection, and JSON with sorted keys.
struct DownloadTable {
    var header: [String]
    var rows: [[String]]

    /// The CSV bytes. A cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return
    /// would be read by a spreadsheet as a formula: it gets a leading `'`.
    var csv: Data {
        var text = "\u{FEFF}"
        for row in [header] + rows {
            text += row.map { Self.quote(Self.defuse($0)) }.joined(separator: ",") + "\r\n"
        }
        return Data(text.utf8)
    }

    static func defuse(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        return "'" + cell
    }

    static func quote(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// JSON of an Encodable value: sorted keys, indented, slashes and CJK left as they are.
    static func json<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}
