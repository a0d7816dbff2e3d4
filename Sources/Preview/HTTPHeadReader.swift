import Foundation

/// Collects a request head as its bytes arrive and says as soon as it is complete or refused,
/// so a client can never make the server hold or scan more than the limits allow.
struct HTTPHeadReader {
    enum Progress: Equatable {
        case incomplete
        case complete(HTTPRequestHead)
        case refused(HTTPRefusal)
    }

    let limits: PreviewLimits
    private(set) var bytes: [UInt8] = []
    /// Where the line being received starts; every byte before it has been looked at once.
    private var lineStart = 0
    private var scanned = 0

    init(limits: PreviewLimits) {
        self.limits = limits
    }

    var isEmpty: Bool { bytes.isEmpty }

    mutating func append(_ chunk: some Collection<UInt8>) -> Progress {
        bytes.append(contentsOf: chunk)
        while scanned < bytes.count {
            let index = scanned
            scanned += 1
            guard bytes[index] == UInt8(ascii: "\n") else { continue }
            let line = bytes[lineStart..<index]
            let blank = line.isEmpty || line.elementsEqual([UInt8(ascii: "\r")])
            if blank {
                guard lineStart > 0 else { return .refused(.badRequest) }
                guard scanned <= limits.headBytes else { return .refused(.headersTooLarge) }
                switch HTTPRequestHead.parse(bytes[..<scanned], limits: limits) {
                case .success(let head): return .complete(head)
                case .failure(let refusal): return .refused(refusal)
                }
            }
            if lineStart == 0 && index > limits.requestLineBytes { return .refused(.uriTooLong) }
            lineStart = scanned
        }
        if lineStart == 0 && bytes.count > limits.requestLineBytes { return .refused(.uriTooLong) }
        if bytes.count > limits.headBytes { return .refused(.headersTooLarge) }
        return .incomplete
    }
}
