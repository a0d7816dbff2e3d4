import Foundation

/// Runs the binary as a user whom file permissions bind. Root reads a `chmod 000` folder all
/// the same, so under root (as in CI) the run goes through `setpriv` as `nobody`, with the
/// fixture handed to that user; any other user runs it directly.
enum Unprivileged {
    static let nobody: UInt32 = 65534

    static var isRoot: Bool { getuid() == 0 }

    static func prepare(_ fixture: SiteFixture) throws {
        guard isRoot else { return }
        let chown = Process()
        chown.executableURL = URL(fileURLWithPath: "/bin/chown")
        chown.arguments = ["-R", "\(nobody):\(nobody)", fixture.root.path]
        try chown.run()
        chown.waitUntilExit()
        guard chown.terminationStatus == 0 else { throw CocoaError(.fileWriteNoPermission) }
    }

    /// Runs the binary on the fixture, handed to that user first (files the test itself made
    /// since, such as SQLite's, included).
    static func run(_ arguments: [String], in fixture: SiteFixture) async throws -> QCSiteBinary.Run {
        try prepare(fixture)
        return try await QCSiteBinary.launch(arguments, in: fixture.root, launcher: launcher)
    }

    static var launcher: [String] {
        isRoot ? ["/usr/bin/setpriv", "--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", "--"] : []
    }

    static func chmod(_ fixture: SiteFixture, _ path: String, _ mode: mode_t) {
        _ = Foundation.chmod(fixture.url(path).path, mode)
    }
}
