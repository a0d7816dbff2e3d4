import Foundation
import Rules

/// Writes a `Form` as an Excel workbook: the table first (the sheet `import` reads), then the
/// help sheet 填写说明, then the drop-down lists on 可选值.
struct FormWorkbookWriter {
    static let helpSheet = "填写说明"
    static let listSheet = "可选值"

    let form: Form
    let book: XLSXWorkbook
    private var lists: [[String]: String] = [:]
    private var listSheet: XLSXSheet?

    static func write(_ form: Form, to path: String, created: Date) throws {
        let book = try XLSXWorkbook(path: path)
        try book.setProperties(title: form.title, created: created, isPublic: form.isPublic)
        var writer = FormWorkbookWriter(form: form, book: book)
        let table = try book.addSheet(form.sheetName)
        let help = try book.addSheet(helpSheet)
        try writer.writeTable(table)
        try writer.writeHelp(help)
        table.activate()
        try book.close()
    }

    private init(form: Form, book: XLSXWorkbook) {
        self.form = form
        self.book = book
    }

    private mutating func writeTable(_ sheet: XLSXSheet) throws {
        for (column, spec) in form.columns.enumerated() {
            try sheet.write(0, column, text: spec.header, .header)
            try sheet.setColumn(column, width: spec.width, Self.style(spec.kind))
            if let rule = spec.rule {
                try sheet.validate(rows: 1...XLSXSheet.lastRow, column: column, validation(rule, column: spec))
            }
        }
        sheet.freezeHeader()
        for (index, row) in form.rows.enumerated() {
            for (column, cell) in row.enumerated() {
                try write(cell, at: index + 1, column, kind: form.columns[column].kind, in: sheet)
            }
        }
        try writeCellRules(sheet)
    }

    private func write(_ cell: Form.Cell, at row: Int, _ column: Int, kind: Form.Column.Kind, in sheet: XLSXSheet) throws {
        switch cell {
        case .empty: break
        case .text(let text): try sheet.write(row, column, text: text, Self.style(kind))
        case .number(let number): try sheet.write(row, column, number: number, .number)
        case .date(let text):
            if let (y, m, d) = Self.dayParts(text) {
                try sheet.write(row, column, year: y, month: m, day: d)
            } else {
                try sheet.write(row, column, text: text, .text)
            }
        case .formula(let formula, let cached): try sheet.write(row, column, formula: formula, cached: cached, .number)
        case .blocked: try sheet.writeBlank(row, column, .blocked)
        }
    }

    /// Cell rules in runs: consecutive rows of a column with the same rule share one validation.
    private mutating func writeCellRules(_ sheet: XLSXSheet) throws {
        let sorted = form.cellRules.sorted { ($0.column, $0.row) < ($1.column, $1.row) }
        var start = 0
        while start < sorted.count {
            var end = start
            while end + 1 < sorted.count, sorted[end + 1].column == sorted[start].column,
                  sorted[end + 1].row == sorted[end].row + 1, sorted[end + 1].rule == sorted[start].rule {
                end += 1
            }
            let first = sorted[start]
            try sheet.validate(rows: (first.row + 1)...(sorted[end].row + 1), column: first.column,
                               validation(first.rule, column: form.columns[first.column]))
            start = end + 1
        }
    }

    private mutating func validation(_ rule: Form.Rule, column: Form.Column) throws -> XLSXValidation {
        let kind: XLSXValidation.Kind
        switch rule.check {
        case .choice(let values): kind = .list(source: try listSource(values, heading: column.header))
        case .decimal(let range): kind = .decimal(range)
        case .whole(let range): kind = .whole(range)
        case .date(let from, let to): kind = .date(from: from, to: to)
        case .empty: kind = .empty
        }
        let prompt = rule.prompt ?? column.help
        return XLSXValidation(
            kind: kind, alert: rule.alert,
            prompt: prompt.isEmpty ? nil : .init(title: Self.clip(column.header, 32), text: Self.clip(prompt, 255)),
            error: rule.error.map { .init(title: Self.clip(column.header, 32), text: Self.clip($0, 255)) })
    }

    /// The cells of the 可选值 sheet holding `values`, one column per distinct list under its heading.
    private mutating func listSource(_ values: [String], heading: String) throws -> String {
        if let source = lists[values] { return source }
        if listSheet == nil { listSheet = try book.addSheet(Self.listSheet) }
        let sheet = listSheet!
        let column = lists.count
        try sheet.write(0, column, text: heading, .header)
        for (row, value) in values.enumerated() { try sheet.write(row + 1, column, text: value, .text) }
        try sheet.setColumn(column, width: 36)
        let letter = XLSXSheet.columnName(column)
        let source = "'\(Self.listSheet)'!$\(letter)$2:$\(letter)$\(values.count + 1)"
        lists[values] = source
        return source
    }

    private func writeHelp(_ sheet: XLSXSheet) throws {
        // Notes run on from column A across the empty cells beside them; only 说明 wraps.
        try sheet.setColumn(0, width: 18)
        try sheet.setColumn(1, width: 8)
        try sheet.setColumn(2, width: 80, .note)
        try sheet.write(0, 0, text: form.title, .title)
        var row = 2
        for note in form.notes {
            try sheet.write(row, 0, text: note)
            row += 1
        }
        row += 1
        for (column, text) in ["列名", "必填", "说明"].enumerated() { try sheet.write(row, column, text: text, .header) }
        for column in form.columns {
            row += 1
            try sheet.write(row, 0, text: column.header)
            try sheet.write(row, 1, text: column.required ? "是" : "")
            try sheet.write(row, 2, text: column.help, .note)
        }
    }

    private static func style(_ kind: Form.Column.Kind) -> XLSXStyle {
        switch kind {
        case .text: .text
        case .given: .given
        case .date: .date
        case .number: .number
        }
    }

    private static func dayParts(_ text: String) -> (Int, Int, Int)? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { return nil }
        return (parts[0], parts[1], parts[2])
    }

    /// Excel refuses longer prompt titles and messages; a clipped prompt still helps.
    private static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
