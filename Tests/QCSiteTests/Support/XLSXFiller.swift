import Foundation
import ZIPFoundation

/// Types values into the first sheet of a workbook the way a spreadsheet saves them, and leaves
/// everything else as it was (other sheets, validations, formulas and their stale cached values):
/// a form as it comes back filled in from a member company or a judge.
enum XLSXFiller {
    enum Value {
        case text(String)
        case number(Double)
        /// Excel's serial day; the cell keeps the column's date format.
        case date(Int)
    }

    /// `cells` by reference ("G2"); a cell is created in its row, and a row in the sheet, as needed.
    static func fill(_ source: URL, _ cells: [String: Value], to destination: URL) throws {
        let input = try Archive(url: source, accessMode: .read)
        let sheetName = "xl/worksheets/sheet1.xml"
        var sheet = try String(decoding: data(of: sheetName, in: input), as: UTF8.self)
        let columnStyles = styles(in: sheet)
        var rows = rowsOf(sheet)
        for (reference, value) in cells {
            let (column, row) = split(reference)
            var cellsOfRow = rows[row] ?? [:]
            let style = attribute("s", in: cellsOfRow[column] ?? "") ?? columnStyles[column]
            cellsOfRow[column] = cellXML(reference, value, style: style)
            rows[row] = cellsOfRow
        }
        let body = rows.keys.sorted().map { number in
            "<row r=\"\(number)\">" + rows[number]!.sorted { $0.key < $1.key }.map(\.value).joined() + "</row>"
        }.joined()
        let start = sheet.range(of: "<sheetData>")!, end = sheet.range(of: "</sheetData>")!
        sheet.replaceSubrange(start.upperBound..<end.lowerBound, with: body)

        try? FileManager.default.removeItem(at: destination)
        let output = try Archive(url: destination, accessMode: .create)
        for entry in input {
            let contents = entry.path == sheetName ? Data(sheet.utf8) : try data(of: entry.path, in: input)
            try output.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(contents.count),
                                compressionMethod: .deflate) { position, size in
                contents.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    private static func data(of path: String, in archive: Archive) throws -> Data {
        var data = Data()
        _ = try archive.extract(archive[path]!) { data.append($0) }
        return data
    }

    /// Cells by row number, then by column index (so "AA" sorts after "Z").
    private static func rowsOf(_ sheet: String) -> [Int: [Int: String]] {
        var rows: [Int: [Int: String]] = [:]
        let rowPattern = try! NSRegularExpression(pattern: #"<row r="(\d+)"[^>]*?(?:/>|>(.*?)</row>)"#, options: [.dotMatchesLineSeparators])
        let cellPattern = try! NSRegularExpression(pattern: #"<c r="([A-Z]+\d+)"[^>]*?(?:/>|>.*?</c>)"#, options: [.dotMatchesLineSeparators])
        let text = sheet as NSString
        for match in rowPattern.matches(in: sheet, range: NSRange(location: 0, length: text.length)) {
            let number = Int(text.substring(with: match.range(at: 1)))!
            var cells: [Int: String] = [:]
            if match.range(at: 2).location != NSNotFound {
                let inner = text.substring(with: match.range(at: 2)) as NSString
                for cell in cellPattern.matches(in: inner as String, range: NSRange(location: 0, length: inner.length)) {
                    cells[split(inner.substring(with: cell.range(at: 1))).column] = inner.substring(with: cell.range)
                }
            }
            rows[number] = cells
        }
        return rows
    }

    /// The style of each column (`<col min max style>`), which a newly typed cell takes.
    private static func styles(in sheet: String) -> [Int: String] {
        var styles: [Int: String] = [:]
        let pattern = try! NSRegularExpression(pattern: #"<col [^>]*/>"#)
        let text = sheet as NSString
        for match in pattern.matches(in: sheet, range: NSRange(location: 0, length: text.length)) {
            let col = text.substring(with: match.range)
            guard let min = attribute("min", in: col).flatMap(Int.init), let max = attribute("max", in: col).flatMap(Int.init),
                  let style = attribute("style", in: col) else { continue }
            for column in (min - 1)...(max - 1) { styles[column] = style }
        }
        return styles
    }

    private static func attribute(_ name: String, in element: String) -> String? {
        guard let range = element.range(of: " \(name)=\"") else { return nil }
        return String(element[range.upperBound...].prefix { $0 != "\"" })
    }

    private static func split(_ reference: String) -> (column: Int, row: Int) {
        let letters = reference.prefix { $0.isLetter }
        let column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value - 64) } - 1
        return (column, Int(reference.dropFirst(letters.count))!)
    }

    private static func cellXML(_ reference: String, _ value: Value, style: String?) -> String {
        let s = style.map { " s=\"\($0)\"" } ?? ""
        switch value {
        case .text(let text):
            return "<c r=\"\(reference)\"\(s) t=\"inlineStr\"><is><t>\(XLSXFixture.escape(text))</t></is></c>"
        case .number(let number):
            return "<c r=\"\(reference)\"\(s)><v>\(number)</v></c>"
        case .date(let serial):
            return "<c r=\"\(reference)\"\(s)><v>\(serial)</v></c>"
        }
    }
}
