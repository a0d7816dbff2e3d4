import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a command leaves half made while it works — a staging site, a backup being written —
/// removed when SIGINT (Ctrl-C) or SIGTERM arrives, before the process exits with a message.
/// The archive needs no clean-up: an import is one transaction, and an unfinished one is
/// never seen. SIGKILL cannot be caught; the next run removes what such a kill leaves.
public enum Interruption {
    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var paths: [Int: String] = [:]
        var next = 0
        var sources: [any DispatchSourceSignal] = []
        var interrupted = false
    }

    private static let registry = Registry()

    /// Removes `path` (a file or a folder) if the process is interrupted before `forget(_:)`.
    package static func removeOnInterrupt(_ path: String) -> Int {
        registry.lock.withLock {
            registry.next += 1
            registry.paths[registry.next] = path
            return registry.next
        }
    }

    package static func forget(_ token: Int) {
        registry.lock.withLock { _ = registry.paths.removeValue(forKey: token) }
    }

    /// Installs the handlers of SIGINT and SIGTERM; `report` prints the closing message.
    public static func handleSignals(report: @escaping @Sendable (String) -> Void) {
        let queue = DispatchQueue(label: "qcsite.signals")
        for signal in [SIGINT, SIGTERM] {
            Glibc.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
            source.setEventHandler { interrupted(by: signal, report: report) }
            source.resume()
            registry.lock.withLock { registry.sources.append(source) }
        }
    }

    /// Called before the process exits on its own: while an interruption is being handled, the
    /// work that failed because its files were taken away must not exit first and leave them
    /// half removed; the handler ends the process.
    public static func settle() {
        guard registry.lock.withLock({ registry.interrupted }) else { return }
        while true { pause() }
    }

    private static func interrupted(by signal: Int32, report: (String) -> Void) {
        let paths = registry.lock.withLock {
            registry.interrupted = true
            return Array(registry.paths.values)
        }
        for path in paths {
            // Moved aside first, so the work still running cannot add to it while it is removed.
            let aside = path + ".interrupted"
            let target = rename(path, aside) == 0 ? aside : path
            // The work may still be removing files of it too, which makes a pass fail: try again.
            // What still stays is removed by the next run.
            var info = stat()
            for _ in 0..<20 where lstat(target, &info) == 0 {
                try? FileManager.default.removeItem(atPath: target)
            }
        }
        let name = signal == SIGINT ? "Ctrl-C (SIGINT)" : "SIGTERM"
        report("qcsite 已被中断 (interrupted by \(name))：未完成的临时文件已删除；"
            + "存档是这次导入之前或之后的完整状态，已发布的网站是旧的或新的完整网站")
        _exit(128 + signal)
    }
}
