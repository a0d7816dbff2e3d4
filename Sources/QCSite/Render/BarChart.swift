import Foundation

/// A horizontal bar chart drawn as inline SVG at build time: a label above each bar and the
/// value at its end; `part` of a bar (the awarded among the shortlisted) is drawn over it from
/// the left. Colours come from the stylesheet (`.chart-bar`, `.chart-bar-part`), so the theme owns them.
struct BarChart {
    struct Bar {
        var label: String
        var value: Int
        var part: Int = 0
    }

    var title: String
    var bars: [Bar]

    static let width = 400.0
    static let rowHeight = 44.0

    var svg: String {
        guard !bars.isEmpty else { return "" }
        let maximum = Double(max(bars.map(\.value).max() ?? 1, 1))
        let height = Double(bars.count) * Self.rowHeight + 4
        let barSpace = Self.width - (bars.contains { $0.part > 0 } ? 100 : 40)
        var parts = ["<svg class=\"chart\" viewBox=\"0 0 \(Int(Self.width)) \(Int(height))\" role=\"img\" aria-label=\"\(Self.escape(title))\">",
                     "<title>\(Self.escape(title))</title>"]
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * Self.rowHeight
            let length = max(2, (Double(bar.value) / maximum * barSpace).rounded())
            parts.append("<text class=\"chart-label\" x=\"0\" y=\"\(Self.number(y + 16))\">\(Self.escape(bar.label))</text>")
            parts.append("<rect class=\"chart-bar\" x=\"0\" y=\"\(Self.number(y + 22))\" width=\"\(Self.number(length))\" height=\"16\" rx=\"3\"/>")
            if bar.part > 0 {
                let partLength = max(2, (Double(min(bar.part, bar.value)) / maximum * barSpace).rounded())
                parts.append("<rect class=\"chart-bar-part\" x=\"0\" y=\"\(Self.number(y + 22))\" width=\"\(Self.number(partLength))\" height=\"16\" rx=\"3\"/>")
            }
            parts.append("<text class=\"chart-value\" x=\"\(Self.number(length + 6))\" y=\"\(Self.number(y + 35))\">\(bar.part > 0 ? "\(bar.value)（获奖 \(bar.part)）" : "\(bar.value)")</text>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// Text and attribute escaping for values from the data.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
