import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads the first worksheet of an Excel workbook: shared and inline strings, numbers,
/// booleans, and dates as Excel stores them (a serial day number with a date format).
public enum XLSXReader {
    public static func read(_ url: URL, displayPath: String) throws -> Table {
        let fail = { (message: String) in
            InputError(path: displayPath, line: 0, "无法读取 Excel 文件 (cannot read the workbook): \(message)；请用 Excel 另存为 .xlsx 或 CSV")
        }
        let zip: ZIPFoundation.Archive
        do {
            zip = try ZIPFoundation.Archive(url: url, accessMode: .read)
        } catch {
            throw fail("不是有效的 xlsx (not a zip archive)")
        }
        func entry(_ name: String) throws -> Data? {
            guard let item = zip[name] else { return nil }
            var data = Data()
            _ = try zip.extract(item, skipCRC32: false) { data.append($0) }
            return data
        }
        let sheetPath = try firstSheetPath(workbook: entry("xl/workbook.xml"), rels: entry("xl/_rels/workbook.xml.rels"))
        guard let sheet = try entry(sheetPath) else { throw fail("缺少工作表 \(sheetPath)") }
        let strings = try entry("xl/sharedStrings.xml").map(sharedStrings) ?? []
        let dateStyles = try entry("xl/styles.xml").map(dateStyleIndexes) ?? []
        let rows = try sheetRows(sheet, strings: strings, dateStyles: dateStyles, fail: fail)

        let nonBlank = rows.filter { !$0.isBlank }
        guard let header = nonBlank.first else { return Table(path: displayPath, header: [], rows: []) }
        return Table(path: displayPath, header: header.cells.map(TextNormalization.trimmed),
                     rows: Array(nonBlank.dropFirst()), headerLine: header.line)
    }

    // MARK: Parts of the workbook

    private static func firstSheetPath(workbook: Data?, rels: Data?) throws -> String {
        var firstRelation: String?
        if let workbook {
            XMLEvents.parse(workbook) { name, attributes in
                if name == "sheet", firstRelation == nil {
                    firstRelation = attributes["r:id"] ?? attributes.first { $0.key.hasSuffix(":id") }?.value
                }
            }
        }
        var target: String?
        if let rels, let firstRelation {
            XMLEvents.parse(rels) { name, attributes in
                if name == "Relationship", attributes["Id"] == firstRelation { target = attributes["Target"] }
            }
        }
        guard let target else { return "xl/worksheets/sheet1.xml" }
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        return "xl/" + target
    }

    private static func sharedStrings(_ data: Data) -> [String] {
        var strings: [String] = []
        var current = ""
        var inPhonetic = false
        XMLEvents.parse(data, start: { name, _ in
            if name == "si" { current = "" }
            if name == "rPh" { inPhonetic = true }
        }, end: { name, text in
            switch name {
            case "t" where !inPhonetic: current += text
            case "rPh": inPhonetic = false
            case "si": strings.append(current)
            default: break
            }
        })
        return strings
    }

    /// Indexes of cell formats (`s` attributes) whose number format shows a date.
    private static func dateStyleIndexes(_ data: Data) -> Set<Int> {
        var customDate: Set<Int> = []
        var formats: [Int] = []
        var inCellXfs = false
        XMLEvents.parse(data, start: { name, attributes in
            switch name {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"], isDateFormat(code) {
                    customDate.insert(id)
                }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs: formats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
            default: break
            }
        }, end: { name, _ in
            if name == "cellXfs" { inCellXfs = false }
        })
        let builtinDates: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)
        return Set(formats.indices.filter { builtinDates.contains(formats[$0]) || customDate.contains(formats[$0]) })
    }

    static func isDateFormat(_ code: String) -> Bool {
        // Drop quoted literals, escapes and colour/condition brackets before looking for y, m, d.
        var plain = ""
        var inQuote = false, inBracket = false, escape = false
        for ch in code {
            if escape { escape = false; continue }
            switch ch {
            case "\\": escape = true
            case "\"": inQuote.toggle()
            case "[": inBracket = true
            case "]": inBracket = false
            default: if !inQuote && !inBracket { plain.append(ch) }
            }
        }
        let lower = plain.lowercased()
        return lower.contains("y") || lower.contains("d") || (lower.contains("m") && !lower.contains("h") && !lower.contains("s"))
            || plain.contains("年") || plain.contains("月") || plain.contains("日")
    }

    private static func sheetRows(_ data: Data, strings: [String], dateStyles: Set<Int>,
                                  fail: (String) -> InputError) throws -> [Table.Row] {
        var rows: [Table.Row] = []
        var cells: [String] = []
        var rowNumber = 0
        var column = 0
        var type = ""
        var style = 0
        var value = ""
        var inline = ""
        var problem: String?
        let ok = XMLEvents.parse(data, start: { name, attributes in
            switch name {
            case "row":
                rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
                cells = []
            case "c":
                column = attributes["r"].flatMap(columnIndex) ?? cells.count
                type = attributes["t"] ?? "n"
                style = attributes["s"].flatMap(Int.init) ?? 0
                value = ""
                inline = ""
            default: break
            }
        }, end: { name, text in
            switch name {
            case "v": value = text
            case "t": inline += text
            case "c":
                let shown: String
                switch type {
                case "s":
                    guard let index = Int(value), index < strings.count else {
                        problem = "第 \(rowNumber) 行引用了不存在的共享字符串"
                        return
                    }
                    shown = strings[index]
                case "inlineStr": shown = inline
                case "str", "e": shown = value
                case "b": shown = value == "1" ? "TRUE" : "FALSE"
                case "d": shown = String(value.prefix(10))
                default:
                    shown = dateStyles.contains(style) ? (excelDate(value) ?? value) : numberText(value)
                }
                while cells.count < column { cells.append("") }
                if column < cells.count { cells[column] = shown } else { cells.append(shown) }
            case "row":
                rows.append(Table.Row(line: rowNumber, cells: cells))
            default: break
            }
        })
        if let problem { throw fail(problem) }
        if !ok { throw fail("工作表 XML 无法解析") }
        return rows
    }

    /// "C12" → 2.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var sawLetter = false
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
            sawLetter = true
        }
        return sawLetter ? index - 1 : nil
    }

    /// Excel's serial day (1900 system, with its phantom 1900-02-29) to YYYY-MM-DD.
    static func excelDate(_ serial: String) -> String? {
        guard let number = Double(serial), number >= 1 else { return nil }
        let days = Int(number.rounded(.down))
        let epoch = days >= 61 ? -25569 : -25568  // days from 1899-12-30 (or -31) to 1970-01-01
        let date = Date(timeIntervalSince1970: TimeInterval((days + epoch) * 86_400))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// Numbers as staff typed them: 3 not 3.0, 12.5 as is, ids of digits without exponent.
    static func numberText(_ value: String) -> String {
        guard let number = Double(value) else { return value }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        var text = String(number)
        if text.contains("e") { text = value }
        return text
    }
}

/// A thin event interface over XMLParser: element starts with attributes, element ends with their text.
enum XMLEvents {
    @discardableResult
    static func parse(_ data: Data, start: @escaping (String, [String: String]) -> Void,
                      end: @escaping (String, String) -> Void = { _, _ in }) -> Bool {
        let parser = XMLParser(data: data)
        let delegate = Delegate(start: start, end: end)
        parser.delegate = delegate
        return parser.parse()
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        let start: (String, [String: String]) -> Void
        let end: (String, String) -> Void
        var text = ""

        init(start: @escaping (String, [String: String]) -> Void, end: @escaping (String, String) -> Void) {
            self.start = start
            self.end = end
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            text = ""
            start(localName(elementName), attributeDict)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text += string
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            end(localName(elementName), text)
            text = ""
        }

        private func localName(_ name: String) -> String {
            name.split(separator: ":").last.map(String.init) ?? name
        }
    }
}
