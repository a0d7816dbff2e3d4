import Foundation

/// A horizontal bar chart built at build time and drawn by the stylesheet: a label above each
/// bar and the value at its end; `part` of a bar (the awarded among the shortlisted) is drawn
/// over it from the left. Labels are text in the page's own size, legible on a phone, and long
/// names break where `NameBreaks` allows.
struct BarChart {
    struct Bar {
        var label: String
        var value: Int
        var part: Int = 0
    }

    /// A bar as the template draws it; widths are CSS percentages.
    struct Row: Encodable {
        var labelParts: [String]
        var value: String
        var width: String
        var partWidth: String?
    }

    var title: String
    var bars: [Bar]

    /// The longest bar takes this share of the row, leaving room for its value.
    static let longest = 75.0

    var rows: [Row] {
        let maximum = Double(max(bars.map(\.value).max() ?? 1, 1))
        return bars.map { bar in
            Row(labelParts: NameBreaks.parts(bar.label),
                value: bar.part > 0 ? "\(bar.value)（获奖 \(bar.part)）" : "\(bar.value)",
                width: Self.percent(max(Double(bar.value) / maximum * Self.longest, 1)),
                partWidth: bar.part > 0 ? Self.percent(Double(min(bar.part, bar.value)) / Double(max(bar.value, 1)) * 100) : nil)
        }
    }

    static func percent(_ value: Double) -> String {
        (value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)) + "%"
    }
}
