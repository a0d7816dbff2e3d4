import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The HTTP side of `qcsite serve`: the output folder on 127.0.0.1, with `/__qcsite/version`
/// (the state number the script added to pages polls to reload them).
///
/// One thread polls every socket, so a client costs a few kilobytes and never a thread. A
/// client is bounded by `PreviewLimits`; when connections or file descriptors run out, the
/// connection waiting longest for its request is closed and accepting goes on.
public final class PreviewServer: @unchecked Sendable {
    public static let versionPath = "/__qcsite/version"

    /// The port listened on (the one the system chose when asked for port 0).
    public let port: UInt16
    let files: PreviewFiles
    let status: PreviewStatus
    let limits: PreviewLimits
    let log: @Sendable (String) -> Void

    private let listener: Int32
    private let wake: (read: Int32, write: Int32)
    private let lock = NSLock()
    private var stopping = false
    private var closed = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)
    /// When each kind of trouble was last reported, so a flood of clients is one line a while.
    private var reported: [String: Double] = [:]

    public init(root: URL, port: UInt16, status: PreviewStatus = PreviewStatus(), limits: PreviewLimits = PreviewLimits(),
                log: @escaping @Sendable (String) -> Void = { _ in }) throws {
        files = PreviewFiles(root: root)
        self.status = status
        self.limits = limits
        self.log = log
        listener = try Self.openListener(port: port)
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            _ = Self.closeDescriptor(listener)
            throw PreviewError("无法启动预览服务器：\(String(cString: strerror(errno)))")
        }
        pipeEnds.forEach(Self.makeNonBlocking)
        wake = (pipeEnds[0], pipeEnds[1])
        self.port = Self.boundPort(listener)
    }

    deinit {
        stop()
    }

    /// Starts answering requests on a thread of its own.
    public func start() {
        lock.withLock {
            guard thread == nil else { return }
            let thread = Thread { [self] in
                serve()
                finished.signal()
            }
            thread.name = "qcsite preview server"
            thread.start()
            self.thread = thread
        }
    }

    /// Stops accepting, closes every connection and the port, and returns once the thread has ended.
    public func stop() {
        let (running, open): (Bool, Bool) = lock.withLock {
            defer { stopping = true; closed = true }
            return (thread != nil && !stopping, !closed)
        }
        if running {
            var byte: UInt8 = 1
            _ = write(wake.write, &byte, 1)
            finished.wait()
        }
        if open {
            for fd in [listener, wake.read, wake.write] { _ = Self.closeDescriptor(fd) }
        }
    }

    // MARK: - The loop

    /// A descriptor held in reserve by the loop, given up while a file is read for an answer: with
    /// every descriptor taken by connections, the page asked for could not be opened otherwise,
    /// and the client would be told it does not exist.
    private var reserve: Int32 = -1

    /// A copy of the listener, closed in child builds as the listener is.
    private func reserveDescriptor() -> Int32 {
        fcntl(listener, F_DUPFD_CLOEXEC, 0)
    }

    /// The open connections; touched by the loop's thread only.
    private var connections: [PreviewConnection] = []
    /// The connection whose request is being answered: never the one closed to make room.
    private var answering: PreviewConnection?

    private func serve() {
        reserve = reserveDescriptor()
        defer { if reserve >= 0 { _ = Self.closeDescriptor(reserve) } }
        var pausedUntil = 0.0
        while !lock.withLock({ stopping }) {
            let now = Self.now()
            let accepting = now >= pausedUntil && (connections.count < limits.connections || connections.contains { $0.isWaiting })
            var fds = [pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            if accepting { fds.append(pollfd(fd: listener, events: Int16(POLLIN), revents: 0)) }
            fds += connections.map { pollfd(fd: $0.fd, events: $0.events, revents: 0) }
            let nextDeadline = (connections.map(\.deadline) + (pausedUntil > now ? [pausedUntil] : [])).min() ?? now + 1
            _ = poll(&fds, nfds_t(fds.count), Int32(max(0, min(1000, (nextDeadline - now) * 1000 + 1))))

            let after = Self.now()
            let offset = accepting ? 2 : 1
            for (index, connection) in connections.enumerated() where fds[offset + index].revents != 0 {
                answering = connection
                connection.ready(now: after, answer: answer)
            }
            for connection in connections {
                answering = connection
                connection.expire(now: after, answer: answer)
            }
            answering = nil
            connections.removeAll { $0.isClosed }
            if accepting && fds[1].revents != 0 {
                pausedUntil = acceptClients(now: after)
            }
        }
        for connection in connections { connection.close() }
    }

    /// Accepts what is waiting; returns until when to stop accepting (descriptors ran out and
    /// no connection could be closed to free one).
    private func acceptClients(now: Double) -> Double {
        for _ in 0..<64 {
            if connections.count >= limits.connections {
                guard closeLongestWaiting() else { return now }
                report("limit", "预览服务器：同时连接已达上限 \(limits.connections) 个，关闭等待最久的连接后继续接受新连接")
            }
            let fd = accept(listener, nil, nil)
            guard fd < 0 else {
                Self.configureClient(fd)
                connections.append(PreviewConnection(fd: fd, now: now, limits: limits))
                // At the limit, one client per round: only a client that is waiting costs another its connection.
                if connections.count >= limits.connections { return now }
                continue
            }
            switch errno {
            case EAGAIN, EWOULDBLOCK:
                return now
            case EINTR, ECONNABORTED, EPROTO:
                continue
            case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                report("descriptors", "预览服务器：可打开的文件数已用尽（\(String(cString: strerror(errno)))），关闭等待最久的连接后继续接受新连接")
                if closeLongestWaiting() { continue }
                return now + 0.25
            default:
                report("accept", "预览服务器：接受连接失败（\(String(cString: strerror(errno)))），稍后重试")
                return now + 0.25
            }
        }
        return now
    }

    /// Closes the oldest connection that loses no answer by it; false when there is none.
    private func closeLongestWaiting() -> Bool {
        guard let index = connections.firstIndex(where: { $0.isWaiting && $0 !== answering }) else { return false }
        connections[index].close()
        connections.remove(at: index)
        return true
    }

    private func report(_ kind: String, _ message: String) {
        let now = Self.now()
        if let last = reported[kind], now - last < 10 { return }
        reported[kind] = now
        log(message)
    }

    // MARK: - Answers

    private func answer(_ request: Result<HTTPRequestHead, HTTPRefusal>) -> Data {
        switch request {
        case .failure(let refusal):
            return refusal.response.encoded(includingBody: true)
        case .success(let head):
            guard Self.isLocal(host: head.host) else { return HTTPRefusal.forbiddenHost.response.encoded(includingBody: true) }
            guard head.method == "GET" || head.method == "HEAD" else {
                return HTTPRefusal.methodNotAllowed.response.encoded(includingBody: true)
            }
            return response(head.target).encoded(includingBody: head.method == "GET")
        }
    }

    func response(_ target: String) -> PreviewResponse {
        let (version, failure) = status.current
        if target.split(separator: "?", maxSplits: 1).first == Substring(Self.versionPath) {
            return PreviewResponse(status: 200, contentType: "text/plain; charset=utf-8", body: Data("\(version)".utf8))
        }
        if reserve >= 0 {
            _ = Self.closeDescriptor(reserve)
            reserve = -1
        }
        defer { reserve = reserveDescriptor() }
        let addition = PreviewOverlay.html(version: version, failure: failure)
        var answer = files.response(target: target, addition: addition)
        // Another thread of the process may have taken the reserve: an idle client gives way.
        while answer == PreviewFiles.busy && closeLongestWaiting() {
            report("descriptors", "预览服务器：可打开的文件数已用尽，关闭等待最久的连接后继续")
            answer = files.response(target: target, addition: addition)
        }
        return answer
    }

    /// Only a browser on this machine that asked for this machine: a page elsewhere whose name
    /// was made to point at 127.0.0.1 (DNS rebinding) sends its own name and is refused.
    static func isLocal(host: String?) -> Bool {
        guard let host = host?.lowercased() else { return true }
        let name = host.hasPrefix("[") ? String(host.prefix { $0 != "]" }) + "]"
            : String(host.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        return ["127.0.0.1", "localhost", "[::1]"].contains(name)
    }

    // MARK: - Sockets

    private static func openListener(port: UInt16) throws -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw PreviewError("无法启动预览服务器：\(String(cString: strerror(errno)))") }
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        makeNonBlocking(fd)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, SOMAXCONN) == 0 else {
            let reason = errno == EADDRINUSE ? "端口 \(port) 已被占用，请用 --port 换一个端口（--port 0 任选空闲端口）"
                : String(cString: strerror(errno))
            _ = closeDescriptor(fd)
            throw PreviewError("无法在 127.0.0.1:\(port) 启动预览服务器：\(reason)")
        }
        return fd
    }

    private static func boundPort(_ fd: Int32) -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    private static func configureClient(_ fd: Int32) {
        makeNonBlocking(fd)
        #if canImport(Darwin)
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// Non-blocking, and closed in the child builds: a rebuild must not hold the port or a client.
    private static func makeNonBlocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }

    private static func closeDescriptor(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(fd)
        #else
        Darwin.close(fd)
        #endif
    }

    private static func now() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1_000_000_000
    }
}
