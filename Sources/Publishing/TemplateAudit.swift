import Foundation

/// Names the templates asked for that no model gave, collected while a test renders the site:
/// a name missed by a page's root object was found nowhere on the way up (Mustache looks a name
/// up from the innermost object outwards), so the template names a field its model lacks.
/// Off during builds: recording costs nothing then but one check.
package enum TemplateAudit {
    private final class Record: @unchecked Sendable {
        let lock = NSLock()
        var active = false
        var missed: Set<String> = []
        var given: Set<String> = []
    }

    private static let record = Record()

    package static func start() {
        record.lock.withLock {
            record.active = true
            record.missed = []
            record.given = []
        }
    }

    /// Stops recording: the names a page's root object missed, and every field name any model gave.
    package static func stop() -> (missed: [String], given: Set<String>) {
        record.lock.withLock {
            record.active = false
            return (record.missed.sorted(), record.given)
        }
    }

    static func missed(_ name: String) {
        guard record.active else { return }
        record.lock.withLock { _ = record.missed.insert(name) }
    }

    static func gave(_ fields: TemplateFields) {
        guard record.active else { return }
        record.lock.withLock { record.given.formUnion(fields.names) }
    }
}
