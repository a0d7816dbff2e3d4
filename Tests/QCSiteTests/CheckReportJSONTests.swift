import Foundation
import Testing
@testable import Archive
@testable import Rules

/// `check --format json` is written directly; it must stay what `JSONEncoder` makes of the
/// report's `Encodable` conformance, byte for byte.
@Suite("Check report JSON")
struct CheckReportJSONTests {
    static func encoded(_ report: CheckReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    @Test("Random findings, nested evidence, empty containers, numbers and escapes: the report's JSON is JSONEncoder's")
    func sameAsEncoder() throws {
        let pieces = ["提高", "a/b", "\"", "\\", "\u{2028}", "\u{7F}", "😀", "é", " ", "Ａ", "_", "B", "a10", "a9"]
            + (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        var random = SeededRandom(seed: 11)
        func text() -> String { (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined() }
        func value(_ depth: Int) -> JSONValue {
            switch Int.random(in: 0..<(depth < 3 ? 8 : 6), using: &random) {
            case 0: return .string(text())
            case 1: return .int(Int.random(in: -1_000_000...1_000_000, using: &random))
            case 2: return .double([86.25, 86.0, -0.0, 1e20, 1e-7, 0.1, 123_456_789_012.5, 1e16, 70.3333][Int.random(in: 0..<9, using: &random)])
            case 3: return .bool(Bool.random(using: &random))
            case 4: return .null
            case 5: return .score(Double.random(in: 0...100, using: &random))
            case 6: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in value(depth + 1) })
            default:
                return .object(Dictionary((0..<Int.random(in: 0...3, using: &random)).map { _ in (text(), value(depth + 1)) },
                                          uniquingKeysWith: { a, _ in a }))
            }
        }
        for round in 0..<60 {
            let findings = (0..<Int.random(in: 0...6, using: &random)).map { _ in
                Finding(rule: RuleID.allCases.randomElement(using: &random)!,
                        severity: Bool.random(using: &random) ? .error : .warning,
                        subject: text(), message: text(),
                        evidence: Dictionary((0..<Int.random(in: 0...4, using: &random)).map { _ in (text(), value(0)) },
                                             uniquingKeysWith: { a, _ in a }),
                        handled: Bool.random(using: &random) ? .init(note: text(), date: "2025-0\(round % 9 + 1)-01") : nil)
            }
            let missing = (0..<Int.random(in: 0...2, using: &random)).map { _ in
                StageGap(stage: Stage.allCases.randomElement(using: &random)!, file: text(), message: text(),
                         ids: Bool.random(using: &random) ? (0..<Int.random(in: 0...2, using: &random)).map { _ in text() } : nil)
            }
            let report = CheckReport(year: Int.random(in: 2000...2100, using: &random), findings: findings, missing: missing)
            #expect(report.json() == (try Self.encoded(report)), "round \(round)")
        }
    }
}
