import Foundation

/// One build of the preview, run as a child `qcsite build`: whatever the build does with a
/// broken file — an input error, a crash — the server in the parent process goes on serving
/// the last good site.
struct PreviewBuild: Sendable {
    enum Outcome: Equatable {
        case built
        /// The lines the build printed, and why it ended, for the page and the terminal.
        case failed([String])
    }

    var executable: URL
    var arguments: [String]

    /// Runs the build, passing each line it prints to `log` as it comes; a cancelled task stops it.
    func run(log: @escaping @Sendable (String) -> Void) async -> Outcome {
        let child = Child()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    continuation.resume(returning: run(child, log: log))
                }
            }
        } onCancel: {
            child.terminate()
        }
    }

    /// A build that could not be started, or that ended with a failure status without printing
    /// a word (nothing staff could act on), is tried again before it counts as failed: both are
    /// passing states of the machine (no process or descriptor free for a moment), not the content.
    private func run(_ child: Child, log: @Sendable (String) -> Void) -> Outcome {
        var attempt = 1
        while true {
            let (outcome, silent) = runOnce(child, log: log)
            guard silent, case .failed(let lines) = outcome else { return outcome }
            guard attempt < 3, !child.wasTerminated else {
                lines.forEach(log)  // what the build did not say itself, in the terminal too
                return outcome
            }
            log("\(lines.joined(separator: "；"))；\(attempt * 200) 毫秒后重试")
            Thread.sleep(forTimeInterval: 0.2 * Double(attempt))
            attempt += 1
        }
    }

    /// One run of the build; `silent` when it could not start or failed without printing anything.
    private func runOnce(_ child: Child, log: @Sendable (String) -> Void) -> (Outcome, silent: Bool) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        do {
            try child.launch(process)
        } catch is CancellationError {
            return (.failed(["预览已停止"]), false)
        } catch {
            return (.failed(["无法运行 \(executable.path) 生成预览：\(error.localizedDescription)"]), true)
        }
        var lines: [String] = []
        var pending = Data()
        let reader = output.fileHandleForReading
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                lines.append(line)
                log(line)
            }
        }
        if !pending.isEmpty {
            lines.append(String(decoding: pending, as: UTF8.self))
            log(lines[lines.count - 1])
        }
        process.waitUntilExit()
        if process.terminationReason == .exit && process.terminationStatus == 0 { return (.built, false) }
        if process.terminationReason == .uncaughtSignal && !child.wasTerminated {
            let signal = process.terminationStatus
            // A trap or a fault is a defect; SIGINT or SIGTERM is someone stopping the build.
            let line = [SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV].contains(signal)
                ? "生成进程意外终止（信号 \(signal)）。这是 qcsite 的缺陷，请把上面的信息报告给维护人员；预览继续提供上一次成功生成的网站"
                : "生成进程被信号 \(signal) 中止"
            lines.append(line)
            log(line)
        } else if lines.isEmpty {
            return (.failed(["qcsite build 以状态 \(process.terminationStatus) 结束，没有输出"]), true)
        }
        return (.failed(lines), false)
    }

    /// The child process of a build, reachable from the cancellation handler: stopping the
    /// preview stops its build too.
    final class Child: @unchecked Sendable {
        private let lock = NSLock()
        private var process: Process?
        private var cancelled = false
        private var terminated = false

        var wasTerminated: Bool { lock.withLock { terminated } }

        func launch(_ process: Process) throws {
            try lock.withLock {
                guard !cancelled else { throw CancellationError() }
                try process.run()
                self.process = process
            }
        }

        func terminate() {
            lock.withLock {
                cancelled = true
                // Only a process that runs: terminate() of one never started would signal pid 0.
                if let process, process.isRunning {
                    terminated = true
                    process.terminate()
                }
            }
        }
    }
}
