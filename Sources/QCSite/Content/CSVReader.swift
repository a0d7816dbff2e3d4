import Foundation

/// RFC 4180 CSV: quoted cells holding commas, quotes ("") and line breaks; CRLF or LF.
/// A file saved by Excel as "Unicode text" (UTF-16, tab-separated) is read too.
public enum CSVReader {
    public static func read(_ url: URL, displayPath: String) throws -> Table {
        let (text, encoding) = try TextDecoding.read(url, displayPath: displayPath,
            hint: "请用 Excel「另存为 → CSV UTF-8」或保存为 GB18030/GBK 编码的 CSV")
        return try parse(text, path: displayPath, separator: encoding == .utf16 ? "\t" : ",")
    }

    /// Parses CSV text; the first non-blank record is the header.
    public static func parse(_ text: String, path: String, separator: Character = ",") throws -> Table {
        var records: [Table.Row] = []
        var cells: [String] = []
        var cell = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteLine = 0
        var afterQuote = false
        var iterator = text.makeIterator()
        var pending: Character? = nil

        func endCell() {
            cells.append(cell)
            cell = ""
            afterQuote = false
        }
        func endRecord() {
            endCell()
            records.append(Table.Row(line: recordLine, cells: cells))
            cells = []
        }

        while let ch = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if ch == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { cell.append("\"") } else { inQuotes = false; afterQuote = true; pending = next }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if ch == "\n" || ch == "\r\n" || ch == "\r" { line += 1; cell.append("\n") } else { cell.append(ch) }
                }
                continue
            }
            switch ch {
            case separator:
                endCell()
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            case "\"" where cell.isEmpty && !afterQuote:
                inQuotes = true
                quoteLine = line
            default:
                // Text after a closing quote ("a"b) is kept as Excel does rather than rejected.
                cell.append(ch)
            }
        }
        if inQuotes {
            throw InputError(path: path, line: quoteLine, "引号未闭合 (a quoted cell is never closed): 检查此行的双引号是否成对")
        }
        if !cell.isEmpty || !cells.isEmpty { endRecord() }

        let nonBlank = records.filter { !$0.isBlank }
        guard let header = nonBlank.first else {
            return Table(path: path, header: [], rows: [])
        }
        return Table(path: path, header: header.cells.map(TextNormalization.trimmed),
                     rows: Array(nonBlank.dropFirst()), headerLine: header.line)
    }
}
