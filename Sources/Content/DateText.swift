import Foundation
import TextKeys

/// Dates as staff type them in Excel, turned into ISO `YYYY-MM-DD`.
public enum DateText {
    /// `2024-08-30`, `2024/8/30`, `2024.8.30`, `2024年8月30日`, `20240830`; nil when no real calendar date.
    public static func iso(_ text: String) -> String? {
        let t = TextNormalization.halfWidth(TextNormalization.trimmed(text))
        var parts: [Int] = []
        if let dashed = dashedISO(t) {
            parts = dashed
        } else if t.count == 8, t.allSatisfy({ $0.isASCII && $0.isNumber }),
           let y = Int(t.prefix(4)), let m = Int(t.dropFirst(4).prefix(2)), let d = Int(t.suffix(2)) {
            parts = [y, m, d]
        } else {
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
        return padded(y, 4) + "-" + padded(m, 2) + "-" + padded(d, 2)
    }

    private static let separators: Set<Character> = ["-", "/", ".", "年", "月", "日"]

    /// The fields of `YYYY-MM-DD` written out in ASCII, the most common spelling, read without
    /// splitting the text into characters; nil for any other spelling.
    private static func dashedISO(_ text: String) -> [Int]? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        return [y, m, d]
    }

    /// `2024`, `2024-05` or a full date: publications are often dated by month.
    public static func partial(_ text: String) -> String? {
        if let full = iso(text) { return full }
        let t = TextNormalization.halfWidth(TextNormalization.trimmed(text))
            .replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "")
            .replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".", with: "-")
        let fields = t.split(separator: "-").map { Int($0) }
        if fields.count == 1, let y = fields[0], (1900...9999).contains(y) { return padded(y, 4) }
        if fields.count == 2, let y = fields[0], let m = fields[1], (1900...9999).contains(y), (1...12).contains(m) {
            return padded(y, 4) + "-" + padded(m, 2)
        }
        return nil
    }

    /// A non-negative number with leading zeros (`String(format:)` costs more than the parse on every row).
    static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(width - digits.count, 0)) + digits
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
        let scalars = text.unicodeScalars
        var pieces: [String] = []
        func add(_ range: Range<String.Index>) {
            let piece = TextNormalization.trimmed(String(scalars[range]))
            if !piece.isEmpty { pieces.append(piece) }
        }
        var start = scalars.startIndex
        var index = start
        while index < scalars.endIndex {
            let next = scalars.index(after: index)
            if isSeparator(scalars[index]) {
                add(start..<index)
                start = next
            }
            index = next
        }
        add(start..<scalars.endIndex)
        return pieces
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "、", "，", ",", ";", "；", "\n", "\r": true
        default: false
        }
    }
}
