import Foundation
import Testing
@testable import Parallelism

@Suite("Works taken in the order they end")
struct ArrivalsTests {
    @Test("A work still running is taken after one started later that ended; none is taken twice or left out")
    func takenAsTheyEnd() {
        let release = DispatchSemaphore(value: 0)
        let arrivals = Arrivals<String>()
        #expect(arrivals.start { release.wait(); return "held" } == 0)
        #expect(arrivals.start { "quick" } == 1)
        let first = arrivals.next()
        #expect(first?.index == 1 && first?.value == "quick")
        #expect(arrivals.start { "late" } == 2)
        let second = arrivals.next()
        #expect(second?.index == 2 && second?.value == "late")
        release.signal()
        let third = arrivals.next()
        #expect(third?.index == 0 && third?.value == "held")
        #expect(arrivals.next() == nil)
    }
}
