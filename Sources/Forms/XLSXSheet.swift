import CXLSXWriter
import Foundation

/// One worksheet of an `XLSXWorkbook`; rows and columns count from 0.
struct XLSXSheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    unowned let workbook: XLSXWorkbook

    /// The last row Excel has (1,048,576 rows), for rules that hold down a whole column.
    static let lastRow = Int(LXW_ROW_MAX) - 1

    func write(_ row: Int, _ column: Int, text: String, _ style: XLSXStyle? = nil) throws {
        try workbook.check(worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), text, workbook.format(style)))
    }

    func write(_ row: Int, _ column: Int, number: Double, _ style: XLSXStyle? = nil) throws {
        try workbook.check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, workbook.format(style)))
    }

    /// A date cell: Excel's serial day under a date format, as Excel stores a typed date.
    func write(_ row: Int, _ column: Int, year: Int, month: Int, day: Int, _ style: XLSXStyle = .date) throws {
        var date = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
        try workbook.check(worksheet_write_datetime(handle, lxw_row_t(row), lxw_col_t(column), &date, workbook.format(style)))
    }

    /// A formula with the value shown until Excel recalculates: readers that do not calculate
    /// (qcsite's own among them) see `cached`, and nil is an empty text, never a silent 0.
    func write(_ row: Int, _ column: Int, formula: String, cached: Double?, _ style: XLSXStyle? = nil) throws {
        let r = lxw_row_t(row), c = lxw_col_t(column)
        if let cached {
            try workbook.check(worksheet_write_formula_num(handle, r, c, formula, workbook.format(style), cached))
        } else {
            try workbook.check(worksheet_write_formula_str(handle, r, c, formula, workbook.format(style), ""))
        }
    }

    /// A blank cell that still carries its look (a greyed item the row does not score).
    func writeBlank(_ row: Int, _ column: Int, _ style: XLSXStyle) throws {
        try workbook.check(worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), workbook.format(style)))
    }

    /// Width in characters, and the look of cells typed into the column later.
    func setColumn(_ column: Int, width: Double, _ style: XLSXStyle? = nil) throws {
        try workbook.check(worksheet_set_column(handle, lxw_col_t(column), lxw_col_t(column), width, workbook.format(style)))
    }

    /// 0 → "A", 25 → "Z", 26 → "AA".
    static func columnName(_ column: Int) -> String {
        var name = ""
        var n = column + 1
        while n > 0 {
            let digit = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            n = (n - 1) / 26
        }
        return name
    }

    func freezeHeader() {
        worksheet_freeze_panes(handle, 1, 0)
    }

    func activate() {
        worksheet_activate(handle)
    }

    func validate(rows: ClosedRange<Int>, column: Int, _ validation: XLSXValidation) throws {
        // libxlsxwriter copies every string of the validation, so these buffers may go after the call.
        var buffers: [UnsafeMutablePointer<CChar>] = []
        defer { buffers.forEach { free($0) } }
        func text(_ string: String) -> UnsafeMutablePointer<CChar> {
            let copy = strdup(string)!
            buffers.append(copy)
            return copy
        }
        var v = lxw_data_validation()
        v.ignore_blank = UInt8(LXW_VALIDATION_ON.rawValue)
        switch validation.kind {
        case .list(let source):
            v.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            v.value_formula = text("=" + source)
        case .decimal(let range):
            v.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            v.minimum_number = range.lowerBound
            v.maximum_number = range.upperBound
        case .whole(let range):
            v.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            v.minimum_number = Double(range.lowerBound)
            v.maximum_number = Double(range.upperBound)
        case .date(let from, let to):
            v.validate = UInt8(LXW_VALIDATION_TYPE_DATE.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            v.minimum_datetime = lxw_datetime(year: Int32(from[0]), month: Int32(from[1]), day: Int32(from[2]), hour: 0, min: 0, sec: 0)
            v.maximum_datetime = lxw_datetime(year: Int32(to[0]), month: Int32(to[1]), day: Int32(to[2]), hour: 0, min: 0, sec: 0)
        case .empty:
            v.validate = UInt8(LXW_VALIDATION_TYPE_LENGTH.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_EQUAL_TO.rawValue)
            v.value_number = 0
        }
        switch validation.alert {
        case .stop: v.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
        case .warning: v.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_WARNING.rawValue)
        case .information: v.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_INFORMATION.rawValue)
        }
        if let prompt = validation.prompt {
            v.input_title = text(prompt.title)
            v.input_message = text(prompt.text)
        }
        if let error = validation.error {
            v.error_title = text(error.title)
            v.error_message = text(error.text)
        }
        try workbook.check(worksheet_data_validation_range(handle, lxw_row_t(rows.lowerBound), lxw_col_t(column),
                                                           lxw_row_t(rows.upperBound), lxw_col_t(column), &v))
    }
}
