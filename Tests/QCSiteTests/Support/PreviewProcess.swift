import Foundation

/// `qcsite serve` running as staff run it, in a site folder: its port once it is listening,
/// what it printed, and a way to stop it as Ctrl-C or a shutdown would.
final class PreviewProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var output = Data()

    /// Starts `qcsite serve --port 0`; with `fileLimit`, under `ulimit -n`, and holding a
    /// descriptor numbered past that limit, open before it was lowered: a parent process (the
    /// test runner, with other tests' files open) may leave one to its child.
    init(in folder: URL, fileLimit: Int? = nil) throws {
        if let fileLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/bash")  // dash opens descriptors 0–9 only
            process.arguments = ["-c", "exec \(fileLimit + 36)</dev/null; ulimit -n \(fileLimit) && exec \"$0\" serve --port 0",
                                 QCSiteBinary.url.path]
        } else {
            process.executableURL = QCSiteBinary.url
            process.arguments = ["serve", "--port", "0"]
        }
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.output.append(data) }
        }
        try process.run()
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    var printed: String { lock.withLock { String(decoding: output, as: UTF8.self) } }

    /// The port from the line `预览：http://127.0.0.1:PORT/`, once the first build is done.
    func port(timeout: TimeInterval = 120) throws -> UInt16 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline && process.isRunning {
            if let range = printed.range(of: #"预览：http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression),
               let port = UInt16(printed[range].dropFirst("预览：http://127.0.0.1:".count).dropLast()) {
                return port
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure(message: "qcsite serve printed no address:\n\(printed)")
    }

    /// Waits until the served state number differs from `version` (a rebuild finished) and returns it.
    func nextVersion(after version: String, port: UInt16, timeout: TimeInterval = 120) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let answer = RawHTTP.get(port, "/__qcsite/version", timeout: 10)
            if answer.status == 200 && answer.body != version { return answer.body }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        throw Failure(message: "no rebuild after state \(version) (running: \(process.isRunning)):\n\(printed)")
    }

    /// Sends the signal and waits for the process to end; its exit status.
    func stop(_ signal: Int32, timeout: TimeInterval = 60) throws -> Int32 {
        kill(process.processIdentifier, signal)
        guard let status = exitStatus(within: timeout) else { throw Failure(message: "qcsite serve did not stop:\n\(printed)") }
        return status
    }

    /// The exit status once the process has ended by itself, or nil if it still runs after `timeout`.
    func exitStatus(within timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        guard !process.isRunning else { return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
