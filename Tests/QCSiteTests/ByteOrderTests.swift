import Foundation
import Testing
@testable import TextKeys

@Suite("Byte order of text")
struct ByteOrderTests {
    @Test("memcmp over the UTF-8 orders texts as their UTF-8 views do, a text before one it begins")
    func sameAsTheViews() {
        var random = SeededRandom(seed: 21)
        let pieces = ["", "a", "b", "ab", "甲", "乙", "\u{F900}", "\u{8C48}", "😀", "\u{7F}", "\u{80}", "z", "2024-001", "2024-01"]
        for _ in 0..<3000 {
            let a = (0..<Int.random(in: 0..<4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let b = Bool.random(using: &random) ? a + pieces.randomElement(using: &random)! : pieces.randomElement(using: &random)!
            let expected = a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : a.utf8.elementsEqual(b.utf8) ? 0 : 1
            #expect(ByteOrder.compare(a, b).signum() == expected, "\(a.debugDescription) \(b.debugDescription)")
            #expect(ByteOrder.precedes(a, b) == (expected < 0))
            #expect(JSONText.keyOrder(a, b) == (expected < 0))
        }
    }
}
