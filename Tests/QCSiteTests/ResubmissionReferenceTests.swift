import Foundation
import Testing
@testable import Archive
@testable import Rules
@testable import TextKeys

/// The resubmission rule against the plainest reading of its contract, every pair compared:
/// the rule's indexes, shared character codes and tabulated title keys must change how fast
/// it finds, never what.
@Suite("Resubmission against a brute-force reference")
struct ResubmissionReferenceTests {
    /// Characters chosen to trip shortcuts: ideographs, full- and half-width letters, a CJK
    /// compatibility ideograph and the ideograph it equals (豈 U+F900 and U+8C48), the Kelvin sign
    /// and K, é precomposed and decomposed, a final sigma, punctuation and spaces.
    static let alphabet: [String] = [
        "提", "高", "基", "站", "故", "障", "率", "宽", "带", "\u{F900}", "\u{8C48}", "K", "\u{212A}", "k", "Ａ", "a",
        "\u{E9}", "e\u{301}", "Σ", "ς", "，", "（", "）", " ", "\u{3000}", "5", "５",
    ]

    static func titles(_ count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        return (0..<count).map { _ in (0..<(1 + next() % 8)).map { _ in alphabet[next() % alphabet.count] }.joined() }
    }

    /// What the rule reports, compared pair by pair with `Similarity.dice` on the exact title keys.
    static func reference(_ fixture: RuleFixture, year: Int, yearsBack: Int, threshold: Double)
        -> [(subject: String, previousId: String, similarity: Double, severity: Finding.Severity)] {
        let earlier = fixture.years.keys.sorted().filter { $0 < year && $0 >= year - yearsBack }
            .flatMap { fixture.years[$0]!.registrations }
        var expected: [(String, String, Double, Finding.Severity)] = []
        for entry in fixture.years[year]!.registrations where entry.status == .active {
            let key = TextNormalization.exactTitleKey(entry.title)
            guard !key.isEmpty else { continue }
            for previous in earlier {
                let other = TextNormalization.exactTitleKey(previous.title)
                guard !other.isEmpty else { continue }
                let sameEnterprise = entry.enterpriseId == previous.enterpriseId
                if key == other {
                    expected.append((entry.id, previous.id, 1, sameEnterprise ? .error : .warning))
                } else if sameEnterprise {
                    let dice = Similarity.dice(key, other)
                    if dice > 0 && dice >= threshold - 1e-9 { expected.append((entry.id, previous.id, dice, .warning)) }
                }
            }
        }
        return expected
    }

    @Test("Findings equal the brute-force comparison of every pair", arguments: [0.5, 0.8])
    func equalsReference(threshold: Double) {
        var fixture = RuleFixture { $0.resubmission.yearsBack = 2; $0.resubmission.similarity = threshold }
        let enterprises = ["ent-a", "ent-b", "ent-c"]
        for (year, seed) in [(2022, UInt64(3)), (2023, 5), (2024, 9)] {
            for (i, title) in Self.titles(120, seed: seed).enumerated() {
                fixture.register(year, "\(year)-\(i)", enterprises[i % 3], title, status: i % 17 == 0 ? .withdrawn : .active)
            }
        }
        let found = fixture.findings(2024, rule: .resubmission)
        let expected = Self.reference(fixture, year: 2024, yearsBack: 2, threshold: threshold)
        #expect(expected.count > 50, "the fixture should produce many findings")
        func row(_ subject: String, _ previous: String, _ similarity: JSONValue?, _ severity: Finding.Severity) -> String {
            "\(subject) \(previous) \(similarity.map { "\($0)" } ?? "-") \(severity)"
        }
        let actual = found.map { f -> String in
            guard case .string(let previous)? = f.evidence["previous_id"] else { return "no previous_id" }
            return row(f.subject, previous, f.evidence["similarity"], f.severity)
        }
        let wanted = expected.map { row($0.subject, $0.previousId, .score($0.similarity), $0.severity) }
        #expect(actual.sorted() == wanted.sorted())
    }
}
