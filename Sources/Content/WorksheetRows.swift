import Diagnostics
import TextKeys

/// Turns the XML events of a worksheet into table rows: cell references, shared and inline
/// strings, numbers, booleans and dates as Excel stores them. A reference beyond Excel's last row
/// or column (XFD) is an error of its row, never an index to allocate up to.
struct WorksheetRows {
    private var builder: TableBuilder
    private let strings: SharedStrings
    private let dateStyles: Set<Int>

    private var row = 0
    private var cells: [String] = []
    private var problems: [(column: Int, problem: CellProblem)] = []
    private var beyondColumns: Int?
    private var column = -1
    private var type = "n"
    private var style = 0
    private var value = ""
    private var inline = ""
    private var inValue = false, inInline = false, inText = false, inPhonetic = false
    /// A cell whose reference is invalid: reported once, and its value left out.
    private var invalidCell = false

    init(path: String, strings: SharedStrings, dateStyles: Set<Int>) {
        builder = TableBuilder(path: path)
        self.strings = strings
        self.dateStyles = dateStyles
    }

    /// Logs an error the sheet's XML or zip entry causes, at the row being read.
    mutating func error(_ message: String, atRow: Bool = true) {
        builder.error(atRow ? row : 0, message)
    }

    func table() throws -> Table {
        try builder.table()
    }

    mutating func handle(_ event: XMLScanner.Event) throws {
        switch event {
        case .start("row", let attributes): startRow(attributes)
        case .start("c", let attributes): startCell(attributes)
        case .start("v", _): inValue = true
        case .start("is", _): inInline = true
        case .start("rPh", _): inPhonetic = true
        case .start("t", _): inText = inInline && !inPhonetic
        case .text(let text):
            if inValue { Self.append(text, to: &value) }
            if inText { Self.append(text, to: &inline) }
        case .end("v"): inValue = false
        case .end("t"): inText = false
        case .end("rPh"): inPhonetic = false
        case .end("is"): inInline = false
        case .end("c"): endCell()
        case .end("row"):
            try builder.add(Table.Row(line: row, cells: cells), beyondColumns: beyondColumns, problems: problems)
        default: break
        }
    }

    /// Text beyond any cell's limit is not kept: the cell is reported as too long all the same.
    private static func append(_ text: String, to cell: inout String) {
        if cell.utf8.count <= InputLimits.cellCharacters * 4 { cell += text }
    }

    private mutating func startRow(_ attributes: [XMLScanner.Attribute]) {
        let next = row + 1
        if let r = attributes.first(where: { $0.name == "r" })?.value {
            if let number = Self.number(r), number >= 1, number <= InputLimits.sheetRows {
                row = number
            } else {
                row = min(next, InputLimits.sheetRows)
                builder.error(row, "行号 r=\"\(r.prefix(20))\" 无效，Excel 的行号是 1 到 \(InputLimits.sheetRows)")
            }
        } else {
            row = min(next, InputLimits.sheetRows)
        }
        cells = []
        problems = []
        beyondColumns = nil
        column = -1
    }

    private mutating func startCell(_ attributes: [XMLScanner.Attribute]) {
        var next: Int? = column + 1
        if let reference = attributes.first(where: { $0.name == "r" })?.value {
            next = XLSXReader.columnIndex(reference)
            if next == nil {
                builder.error(row, "单元格引用「\(reference.prefix(20))」无效或超出 Excel 的最后一列 XFD（第 \(InputLimits.sheetColumns) 列）")
            }
        }
        invalidCell = next == nil
        column = next ?? column
        type = attributes.first(where: { $0.name == "t" })?.value ?? "n"
        style = attributes.first(where: { $0.name == "s" }).flatMap { Self.number($0.value) } ?? 0
        value = ""
        inline = ""
    }

    private mutating func endCell() {
        guard !invalidCell else { return }
        var problem: CellProblem?
        let shown: String
        switch type {
        case "s":
            guard let index = Self.number(TextNormalization.trimmed(value)), index < strings.strings.count else {
                builder.error(row, "第 \(row) 行引用了不存在的共享字符串「\(value.prefix(20))」")
                return
            }
            shown = strings.strings[index]
            problem = strings.problems[index]
        case "inlineStr": shown = XLSXReader.unescaped(inline)
        case "str", "e": shown = XLSXReader.unescaped(value)
        case "b": shown = value == "1" ? "TRUE" : "FALSE"
        case "d": shown = String(value.prefix(10))
        default: shown = dateStyles.contains(style) ? (XLSXReader.excelDate(value) ?? value) : XLSXReader.numberText(value)
        }
        guard column < InputLimits.columns else {
            if !TextNormalization.trimmed(shown).isEmpty && beyondColumns == nil { beyondColumns = column }
            return
        }
        if type != "s" { problem = CellProblem(shown) }
        if let problem { problems.append((column, problem)) }
        while cells.count < column { cells.append("") }
        if column < cells.count { cells[column] = shown } else { cells.append(shown) }
    }

    /// A number of at most nine ASCII digits (row numbers, style and string indexes).
    private static func number(_ text: String) -> Int? {
        let digits = text.utf8
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }
}
