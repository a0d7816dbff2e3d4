import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Diagnostics

/// One writer per site at a time: every command that writes (import, build, remove-year, the
/// rebuilds of serve) holds an exclusive `flock` on a lock file beside the archive
/// (`archive.sqlite.lock`) from before it reads anything until it is done. The holder writes its
/// pid and command line into the file, so the command refused can say who is at work. The
/// system releases the lock when the holder exits, however it exits, so a lock is never stale.
public final class SiteLock: @unchecked Sendable {
    public let path: String
    private var descriptor: Int32

    /// Another qcsite process is writing to the same archive.
    public struct Busy: Error, CustomStringConvertible {
        public let archive: String
        /// `pid 1234：qcsite build`, as the holder wrote it; empty when it could not be read.
        public let holder: String

        public var description: String {
            "另一个 qcsite 进程\(holder.isEmpty ? "" : "（\(holder)）")正在写入存档 \(archive) (the archive is in use)；"
                + "请等它结束后再运行。同一站点一次只能运行一个写入存档的命令（import、build、remove-year、serve 的重新生成）"
        }
    }

    /// The lock file could not be made or locked (no permission, a file system without locks).
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// The lock file of an archive.
    public static func path(for archivePath: String) -> String { archivePath + ".lock" }

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Takes the lock of the site whose archive is `archivePath`, waiting up to `wait` for
    /// another holder to finish; throws `Busy` naming that holder otherwise.
    public static func acquire(archivePath: String, wait: Duration = .zero) throws -> SiteLock {
        let path = path(for: archivePath)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT {
                throw InputError(path: archivePath, line: 0, "存档所在的文件夹不存在 (no such folder)；请先创建它，或用 --archive 指定存档")
            }
            throw Unavailable(description: "\(path): 无法创建锁文件 (cannot create the lock file: \(String(cString: strerror(code))))；"
                + "请让运行 qcsite 的用户可以写入存档所在的文件夹")
        }
        let deadline = ContinuousClock.now + wait
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(descriptor)
                throw Unavailable(description: "\(path): 无法锁定 (cannot lock: \(String(cString: strerror(code))))")
            }
            guard ContinuousClock.now < deadline else {
                let holder = holder(of: path)
                close(descriptor)
                throw Busy(archive: archivePath, holder: holder)
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let lock = SiteLock(path: path, descriptor: descriptor)
        lock.recordHolder()
        return lock
    }

    /// Runs `body` holding the lock of the site whose archive is `archivePath`.
    public static func holding<T>(archivePath: String, wait: Duration = .zero, _ body: () throws -> T) throws -> T {
        let lock = try acquire(archivePath: archivePath, wait: wait)
        defer { lock.release() }
        return try body()
    }

    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    /// Writes `pid N` and the command line into the lock file (best effort: the lock itself is
    /// the flock, the text only helps the message of a refused command).
    private func recordHolder() {
        let command = ([(CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent } ?? "qcsite")]
            + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let text = Array("pid \(getpid())\ncommand \(command)\n".utf8)
        guard ftruncate(descriptor, 0) == 0 else { return }
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// `pid 1234：qcsite build`, from the lock file.
    static func holder(of path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        var pid = "", command = ""
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("pid ") { pid = String(line.dropFirst(4)) }
            if line.hasPrefix("command ") { command = String(line.dropFirst(8)) }
        }
        return pid.isEmpty ? "" : "pid \(pid)" + (command.isEmpty ? "" : "：\(command)")
    }
}
