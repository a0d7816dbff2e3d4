import Rules

/// One official form as a table: the header `import` reads, rows filled in from the archive, a
/// rule for each column (or cell) that Excel checks as staff type, and the help on a second sheet.
struct Form {
    struct Column {
        enum Kind { case text, given, date, number }

        /// Set from the reader's column spec where the form follows one.
        var header: String = ""
        var kind: Kind = .text
        var width: Double = 14
        var required = false
        var rule: Rule?
        /// What goes in the column: the selected cell's prompt and a line of the help sheet.
        var help: String = ""
    }

    enum Cell: Equatable {
        case empty
        case text(String)
        case number(Double)
        /// YYYY-MM-DD becomes a date cell; a partial date (YYYY-MM) stays text.
        case date(String)
        /// A formula with the value shown until Excel recalculates (nil: shown empty).
        case formula(String, cached: Double?)
        /// Greyed and kept empty: an item the row's topic type does not score.
        case blocked
    }

    /// A check Excel makes as staff type; choices become a drop-down of the 可选值 sheet.
    struct Rule: Equatable {
        enum Check: Equatable {
            case choice([String])
            case decimal(ClosedRange<Double>)
            case whole(ClosedRange<Int>)
            case date(from: [Int], to: [Int])
            case empty
        }

        var check: Check
        var alert: XLSXValidation.Alert = .stop
        /// Shown when a cell is selected; the column's help when nil.
        var prompt: String?
        var error: String?
    }

    /// A rule for one data cell (rows count from 0 below the header).
    struct CellRule {
        var row: Int
        var column: Int
        var rule: Rule
    }

    /// The file name staff see, e.g. `2025年报名汇总表.xlsx`.
    var fileName: String
    /// The name of the first sheet, the one `import` reads.
    var sheetName: String
    var title: String
    var columns: [Column]
    var rows: [[Cell]] = []
    var cellRules: [CellRule] = []
    /// Lines of the help sheet, above the list of columns.
    var notes: [String] = []
    /// Where a filled copy goes in the year folder for `import`, e.g. `registrations.xlsx`.
    var importAs: String
    /// Holds no entry and no personal data: fit to attach to a public notice.
    var isPublic: Bool
}
