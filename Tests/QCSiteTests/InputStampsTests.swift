import Foundation
import Testing
import Publishing
@testable import SiteBuild

/// The stamps of the content vouch for a file only when it was written long enough before the
/// time they are taken against: a first build takes them beside its import, against a time
/// fixed before the import read anything.
@Suite("Stamps of the content", .serialized)
struct InputStampsTests {
    @Test("Stamps taken against a time before a file was written do not vouch for it, however late the walk reaches it")
    func takenBeforeAWrite() throws {
        let site = try IncrementalBuildTests.demoSite()
        defer { site.cleanUp() }
        Thread.sleep(forTimeInterval: Double(InputStamps.settled) / 1e9 + 0.2)
        let settled = InputStamps.sources(site.paths, baseURL: nil)
        #expect(settled.key != nil && settled.years[2024] != nil && settled.years[2023] != nil, "settled files vouch for themselves")

        let taken = FileStamp.now()
        try IncrementalBuildTests.append(site, "content/years/2024/writeups/2024-003.md", "\n补充。\n")
        // The walk reaches the file long after it was written (a first build's import is long):
        // taken against the time of the walk, its stamp would look settled.
        Thread.sleep(forTimeInterval: Double(InputStamps.settled) / 1e9 + 0.2)
        #expect(InputStamps.sources(site.paths, baseURL: nil).key != nil)
        let late = InputStamps.sources(site.paths, baseURL: nil, taken: taken)
        #expect(late.key == nil, "a file written after the time the stamps are taken against")
        #expect(late.years[2024] == nil, "its year is not vouched for")
        #expect(late.years[2023] == settled.years[2023], "another year still is")
    }
}
