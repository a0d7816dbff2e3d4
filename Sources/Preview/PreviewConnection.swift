import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One client of the preview server, from accept to close: its request head as it arrives,
/// the answer as the client takes it, then whatever it still sends, read and dropped for a
/// moment so that closing does not reset the connection before the answer is read.
/// Every step has a deadline, so no client holds its connection for long.
final class PreviewConnection {
    enum Phase {
        case reading(HTTPHeadReader)
        case writing(Data, sent: Int)
        case lingering
        case closed
    }

    let fd: Int32
    let limits: PreviewLimits
    private(set) var phase: Phase
    private(set) var deadline: Double

    init(fd: Int32, now: Double, limits: PreviewLimits) {
        self.fd = fd
        self.limits = limits
        phase = .reading(HTTPHeadReader(limits: limits))
        deadline = now + limits.headSeconds
    }

    /// What to wait for on the socket.
    var events: Int16 {
        if case .writing = phase { return Int16(POLLOUT) }
        return Int16(POLLIN)
    }

    var isClosed: Bool {
        if case .closed = phase { return true }
        return false
    }

    /// Whether closing it loses no answer: it has not sent a whole request yet, or has its answer.
    var isWaiting: Bool {
        switch phase {
        case .reading, .lingering: true
        case .writing, .closed: false
        }
    }

    /// The socket is ready; `answer` turns a complete head (or a refusal) into the bytes to send.
    func ready(now: Double, answer: (Result<HTTPRequestHead, HTTPRefusal>) -> Data) {
        switch phase {
        case .reading(var reader):
            guard let chunk = receive() else { return }
            switch reader.append(chunk) {
            case .incomplete: phase = .reading(reader)
            case .complete(let head): write(answer(.success(head)), now: now)
            case .refused(let refusal): write(answer(.failure(refusal)), now: now)
            }
        case .writing(let data, let sent):
            let count = data.withUnsafeBytes { Self.send(fd, $0.baseAddress! + sent, data.count - sent) }
            guard count >= 0 else {
                if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR { close() }
                return
            }
            if sent + count == data.count {
                // The answer is out: tell the client, and read what it still sends until it closes.
                shutdown(fd, Int32(SHUT_WR))
                phase = .lingering
                deadline = now + limits.lingerSeconds
            } else {
                phase = .writing(data, sent: sent + count)
                deadline = now + limits.writeSeconds
            }
        case .lingering:
            _ = receive()
        case .closed:
            break
        }
    }

    /// The deadline passed: a client that began a request and did not finish it in time gets 408.
    func expire(now: Double, answer: (Result<HTTPRequestHead, HTTPRefusal>) -> Data) {
        guard now >= deadline else { return }
        if case .reading(let reader) = phase, !reader.isEmpty {
            write(answer(.failure(.requestTimeout)), now: now)
        } else {
            close()
        }
    }

    func close() {
        guard !isClosed else { return }
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
        phase = .closed
    }

    private func write(_ data: Data, now: Double) {
        phase = .writing(data, sent: 0)
        deadline = now + limits.writeSeconds
    }

    /// The bytes that arrived; nil when there were none yet, and the connection closed when the
    /// client closed its side or the socket failed.
    private func receive() -> ArraySlice<UInt8>? {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let count = recv(fd, &buffer, buffer.count, 0)
        if count > 0 { return buffer[..<count] }
        if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { return nil }
        close()
        return nil
    }

    /// Sends without SIGPIPE: a client that went away must not stop the preview.
    private static func send(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.send(fd, bytes, count, Int32(MSG_NOSIGNAL))
        #else
        Darwin.send(fd, bytes, count, 0)
        #endif
    }
}
