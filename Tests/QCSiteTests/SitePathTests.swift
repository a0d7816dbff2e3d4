import Foundation
import Testing
@testable import Publishing
@testable import SafePaths

@Suite("Path segments")
struct PathSegmentTests {
    @Test("A segment with only letters, digits, - and _ is kept as it is; any other is made safe character by character")
    func segments() {
        let slow = { (text: String) in String(text.map { AddressID.isDisallowed($0) ? "-" : $0 }) }
        for text in ["2024-001", "a_B-9", "", "关于 通知", "a/b", "a?b#c%d", "tab\there", "Ｑ", "z{|}~`@[", "a\u{301}", "é 1"] {
            #expect(SitePath.segment(text) == slow(text), "\(text)")
        }
        #expect(SitePath.segment("a b/c") == "a-b-c")
    }

    @Test("A sitemap address is percent-encoded as Foundation encodes it, whether or not it takes the plain path")
    func sitemapAddresses() {
        let foundation = { (text: String) in
            text.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed.union(CharacterSet(charactersIn: "#"))) ?? text
        }
        var texts = (0..<128).map { "https://qc.example.org/2024/a\(Character(Unicode.Scalar(UInt8($0))))b/" }
        texts += ["https://qc.example.org/", "/关于/", "a b", "50%", "x#y?z=1&w", "é", "\u{301}", ""]
        for text in texts {
            #expect(FeedSection.encoded(text) == foundation(text), "\(text.debugDescription)")
        }
    }
}
