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

    private func run(_ child: Child, log: @Sendable (String) -> Void) -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        do {
            try child.launch(process)
        } catch {
            return .failed(["无法运行 \(executable.path) 生成预览：\(error.localizedDescription)"])
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
        if process.terminationReason == .exit && process.terminationStatus == 0 { return .built }
        if process.terminationReason == .uncaughtSignal && !child.wasTerminated {
            let signal = process.terminationStatus
            // A trap or a fault is a defect; SIGINT or SIGTERM is someone stopping the build.
            let line = [SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV].contains(signal)
                ? "生成进程意外终止（信号 \(signal)）。这是 qcsite 的缺陷，请把上面的信息报告给维护人员；预览继续提供上一次成功生成的网站"
                : "生成进程被信号 \(signal) 中止"
            lines.append(line)
            log(line)
        } else if lines.isEmpty {
            lines.append("qcsite build 以状态 \(process.terminationStatus) 结束，没有输出")
        }
        return .failed(lines)
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
