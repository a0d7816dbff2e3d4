import Foundation

/// A request the preview server answers with an error status and a short Chinese explanation.
enum HTTPRefusal: Error, Equatable {
    case badRequest, forbiddenHost, methodNotAllowed, requestTimeout, uriTooLong, headersTooLarge, versionNotSupported

    var status: Int {
        switch self {
        case .badRequest: 400
        case .forbiddenHost: 403
        case .methodNotAllowed: 405
        case .requestTimeout: 408
        case .uriTooLong: 414
        case .headersTooLarge: 431
        case .versionNotSupported: 505
        }
    }

    var message: String {
        switch self {
        case .badRequest: "请求格式不正确"
        case .forbiddenHost: "预览只接受发往 127.0.0.1 或 localhost 的请求"
        case .methodNotAllowed: "预览只支持 GET 和 HEAD 请求"
        case .requestTimeout: "请求发送超时"
        case .uriTooLong: "请求地址过长"
        case .headersTooLarge: "请求头过大"
        case .versionNotSupported: "只支持 HTTP/1.0 和 HTTP/1.1"
        }
    }

    var response: PreviewResponse {
        PreviewResponse(status: status, contentType: "text/plain; charset=utf-8", body: Data("\(status) \(message)\n".utf8))
    }
}
