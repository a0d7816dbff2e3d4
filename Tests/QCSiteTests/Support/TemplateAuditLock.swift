import Foundation

/// `TemplateAudit` records what every render in the process misses while a test has it on. The
/// tests that turn it on, and the tests whose templates name fields their models lack, hold
/// this lock while they render, so that no test records another's misses.
enum TemplateAuditLock {
    private static let lock = NSLock()

    static func holding<T>(_ body: () throws -> T) rethrows -> T {
        try lock.withLock(body)
    }
}
