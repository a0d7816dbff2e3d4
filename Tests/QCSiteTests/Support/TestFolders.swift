import Foundation

/// The temporary folders of one test process, all inside one folder that is removed when the
/// process exits: a fixture a test does not clean up (or one left by a test that failed) leaves
/// nothing behind once the run ends.
enum TestFolders {
    static let parent: URL = {
        let url = folder(of: getpid())
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestFolders.folder(of: getpid())) }
        return url
    }()

    /// A new folder's path under `parent` (not yet made), named `<prefix>-<UUID>`.
    static func new(_ prefix: String) -> URL {
        parent.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    }

    private static func folder(of process: pid_t) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("qcsite-tests-\(process)")
    }
}
