import Foundation
import TextKeys

/// Dates as staff type them in Excel, turned into ISO `YYYY-MM-DD`.
public enum DateText {
    /// `2024-08-30`, `2024/8/30`, `2024.8.30`, `2024年8月30日`, `20240830`; nil when no real calendar date.
    public static func iso(_ text: String) -> String? {
        let t = TextNormalization.halfWidth(TextNormalization.trimmed(text))
        var parts: [Int] = []
        if t.count == 8, t.allSatisfy({ $0.isASCII && $0.isNumber }),
           let y = Int(t.prefix(4)), let m = Int(t.dropFirst(4).prefix(2)), let d = Int(t.suffix(2)) {
            parts = [y, m, d]
        } else {
            let separators: Set<Character> = ["-", "/", ".", "年", "月", "日"]
            var stripped = t
            if stripped.hasSuffix("日") { stripped.removeLast() }
            let fields = stripped.split(whereSeparator: { separators.contains($0) })
            guard fields.count == 3, fields.allSatisfy({ $0.allSatisfy(\.isASCII) }) else { return nil }
            for field in fields {
                guard let n = Int(field) else { return nil }
                parts.append(n)
            }
        }
        let (y, m, d) = (parts[0], parts[1], parts[2])
        guard (1900...9999).contains(y), (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// `2024`, `2024-05` or a full date: publications are often dated by month.
    public static func partial(_ text: String) -> String? {
        if let full = iso(text) { return full }
        let t = TextNormalization.halfWidth(TextNormalization.trimmed(text))
            .replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "")
            .replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".", with: "-")
        let fields = t.split(separator: "-").map { Int($0) }
        if fields.count == 1, let y = fields[0], (1900...9999).contains(y) { return String(format: "%04d", y) }
        if fields.count == 2, let y = fields[0], let m = fields[1], (1900...9999).contains(y), (1...12).contains(m) {
            return String(format: "%04d-%02d", y, m)
        }
        return nil
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Lists inside one cell: names split by 、，,; or newline, as the forms write them.
public enum ListText {
    /// Split on scalars, not characters: every separator is one scalar (a CRLF is two line
    /// breaks, and the empty piece between them is dropped), and this runs on every row.
    public static func split(_ text: String) -> [String] {
        text.unicodeScalars.split(whereSeparator: isSeparator)
            .map { TextNormalization.trimmed(String(String.UnicodeScalarView($0))) }
            .filter { !$0.isEmpty }
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "、", "，", ",", ";", "；", "\n", "\r": true
        default: false
        }
    }
}
