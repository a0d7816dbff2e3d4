
/// A data validation Excel checks as staff type: a drop-down list, a number range, a date range,
/// or a cell that must stay empty.
struct XLSXValidation: Equatable {
    enum Kind: Equatable {
        /// A drop-down of the cells `source` names, e.g. `'可选值'!$A$2:$A$9`.
        case list(source: String)
        case decimal(ClosedRange<Double>)
        case whole(ClosedRange<Int>)
        /// Inclusive dates, as (year, month, day).
        case date(from: [Int], to: [Int])
        /// Nothing may be typed (text length 0).
        case empty
    }

    /// What Excel does with a value outside the rule: refuse it, or ask and let it through.
    enum Alert: Equatable { case stop, warning, information }

    /// A title of at most 32 characters and a message of at most 255 (Excel's limits).
    struct Message: Equatable {
        var title: String
        var text: String
    }

    var kind: Kind
    var alert: Alert = .stop
    /// Shown when the cell is selected.
    var prompt: Message?
    /// Shown when a value breaks the rule.
    var error: Message?
}
