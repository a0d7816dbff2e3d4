import Foundation
import Diagnostics

/// Reads the first worksheet of an Excel workbook: shared and inline strings, numbers,
/// booleans, and dates as Excel stores them (a serial day number with a date format).
///
/// The workbook is read as hostile: its zip directory is checked before anything is inflated
/// (`ZipDirectory`), parts are streamed through `XMLScanner` (no DTD, no entities), and the sheet
/// is turned into rows as it inflates, so every workbook within `InputLimits` is read in bounded
/// memory and every other one is a located input error.
public enum XLSXReader {
    public static func read(_ url: URL, displayPath: String) throws -> Table {
        let hint = "；请用 Excel 另存为 .xlsx 或 CSV"
        let fail = { (message: String) in
            InputError(path: displayPath, line: 0, "无法读取 Excel 文件 (cannot read the workbook): \(message)" + hint)
        }
        try InputLimits.checkFileSize(url, displayPath: displayPath, limit: InputLimits.workbookBytes)
        do {
            let zip = try ZipDirectory(url: url)
            let sheetPath = try firstSheetPath(zip)
            guard let sheet = zip.entry(sheetPath) else { throw fail("缺少工作表 \(sheetPath)") }
            let strings = try zip.entry("xl/sharedStrings.xml").map { entry in
                try SharedStrings { handle in try scanPart(zip, entry, limit: InputLimits.sharedStringsXMLBytes, handle) }
            } ?? SharedStrings()
            let dateStyles = try zip.entry("xl/styles.xml").map { try dateStyleIndexes(zip, $0) } ?? []
            var rows = WorksheetRows(path: displayPath, strings: strings, dateStyles: dateStyles)
            do {
                try scan(zip, sheet, limit: InputLimits.sheetXMLBytes) { try rows.handle($0) }
            } catch let error as XMLScanner.SyntaxError {
                rows.error("工作表 XML 有误 (malformed sheet XML): \(error.message)" + hint)
            } catch let failure as ZipDirectory.Failure {
                rows.error(fail(failure.message).message, atRow: false)
            } catch is TableBuilder.TooManyRows {
                // Logged by the builder; the rest of the sheet is not read.
            }
            return try rows.table()
        } catch let failure as ZipDirectory.Failure {
            throw fail(failure.message)
        } catch let error as PartError {
            throw fail("\(error.part) 的 XML 有误：\(error.message)")
        }
    }

    /// An XML error in a part other than the sheet, which has no rows to point at.
    private struct PartError: Error {
        let part: String
        let message: String
    }

    /// Streams one part's XML events to `handle`.
    private static func scan(_ zip: ZipDirectory, _ entry: ZipDirectory.Entry, limit: Int,
                             _ handle: (XMLScanner.Event) throws -> Void) throws {
        var scanner = XMLScanner()
        try zip.read(entry, limit: limit) { bytes in try scanner.feed(bytes, handle) }
        try scanner.finish(handle)
    }

    /// Like `scan`, for the parts beside the sheet: their XML errors name the part.
    private static func scanPart(_ zip: ZipDirectory, _ entry: ZipDirectory.Entry, limit: Int = InputLimits.otherPartBytes,
                                 _ handle: (XMLScanner.Event) throws -> Void) throws {
        do {
            try scan(zip, entry, limit: limit, handle)
        } catch let error as XMLScanner.SyntaxError {
            throw PartError(part: entry.name, message: error.message)
        }
    }

    // MARK: Parts of the workbook

    private static func firstSheetPath(_ zip: ZipDirectory) throws -> String {
        var firstRelation: String?
        if let workbook = zip.entry("xl/workbook.xml") {
            try scanPart(zip, workbook) { event in
                if case .start("sheet", let attributes) = event, firstRelation == nil {
                    firstRelation = attributes.first { $0.name == "r:id" }?.value
                        ?? attributes.first { $0.name.hasSuffix(":id") }?.value
                }
            }
        }
        var target: String?
        if let rels = zip.entry("xl/_rels/workbook.xml.rels"), let firstRelation {
            try scanPart(zip, rels) { event in
                if case .start("Relationship", let attributes) = event, target == nil,
                   attributes.first(where: { $0.name == "Id" })?.value == firstRelation {
                    target = attributes.first { $0.name == "Target" }?.value
                }
            }
        }
        guard let target else { return "xl/worksheets/sheet1.xml" }
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        return "xl/" + target
    }

    /// Indexes of cell formats (`s` attributes) whose number format shows a date.
    private static func dateStyleIndexes(_ zip: ZipDirectory, _ entry: ZipDirectory.Entry) throws -> Set<Int> {
        var customDate: Set<Int> = []
        var formats: [Int] = []
        var inCellXfs = false
        try scanPart(zip, entry) { event in
            switch event {
            case .start("numFmt", let attributes):
                if let id = attributes.first(where: { $0.name == "numFmtId" }).flatMap({ Int($0.value) }),
                   let code = attributes.first(where: { $0.name == "formatCode" })?.value, isDateFormat(code) {
                    customDate.insert(id)
                }
            case .start("cellXfs", _): inCellXfs = true
            case .start("xf", let attributes) where inCellXfs:
                formats.append(attributes.first(where: { $0.name == "numFmtId" }).flatMap { Int($0.value) } ?? 0)
            case .end("cellXfs"): inCellXfs = false
            default: break
            }
        }
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

    /// "C12" → 2; nil for a reference that is no column, or lies beyond Excel's last column XFD.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            letters += 1
            guard letters <= 3 else { return nil }
            index = index * 26 + Int(scalar.value - 64)
        }
        guard letters > 0, index <= InputLimits.sheetColumns else { return nil }
        return index - 1
    }

    /// Excel's serial day (1900 system, with its phantom 1900-02-29) to YYYY-MM-DD; nil outside
    /// 1900-01-01…9999-12-31, where no date is meant (`1e300`, `inf`).
    static func excelDate(_ serial: String) -> String? {
        guard let number = Double(serial), number.isFinite, number >= 1, number < 2_958_466 else { return nil }
        let days = Int(number.rounded(.down))
        let epoch = days >= 61 ? -25569 : -25568  // days from 1899-12-30 (or -31) to 1970-01-01
        let date = Date(timeIntervalSince1970: TimeInterval((days + epoch) * 86_400))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = c.year, let month = c.month, let day = c.day else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Whether `text` holds `_x` or a carriage return; a byte scan, as this runs on every cell.
    private static func needsUnescaping(_ text: String) -> Bool {
        var afterUnderscore = false
        for byte in text.utf8 {
            if byte == 0x0D || (afterUnderscore && byte == UInt8(ascii: "x")) { return true }
            afterUnderscore = byte == UInt8(ascii: "_")
        }
        return false
    }

    /// Text with Excel's escapes of characters XML cannot hold (`_x000D_`) decoded, and line
    /// breaks as `\n`.
    static func unescaped(_ text: String) -> String {
        guard needsUnescaping(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "_", i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_",
               scalars[(i + 2)...(i + 5)].allSatisfy({ $0.properties.isASCIIHexDigit }),
               let code = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)...(i + 5)])), radix: 16),
               let scalar = Unicode.Scalar(code) {
                out.append(scalar)
                i += 7
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
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
