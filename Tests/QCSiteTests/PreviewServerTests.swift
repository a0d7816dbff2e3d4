import Foundation
import Testing
@testable import QCSite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `qcsite serve`: the preview server over real HTTP on 127.0.0.1, and the change watcher.
@Suite("Preview server", .serialized)
struct PreviewServerTests {
    /// A built site in miniature, and a secret beside it that no request may reach.
    func site() throws -> SiteFixture {
        let fixture = try SiteFixture([
            "public/index.html": "<!DOCTYPE html><html><body><h1>首页</h1></body></html>",
            "public/404.html": "<!DOCTYPE html><html><body><h1>页面未找到</h1></body></html>",
            "public/search/index.html": "<!DOCTYPE html><html><body>搜索</body></html>",
            "public/search/index.json": "{\"docs\":[]}",
            "public/assets/site.css": "body{}",
            "public/2024/results.csv": "\u{FEFF}编号\n",
            "secret.txt": "SECRET-OUTSIDE-THE-SITE",
        ], withTheme: false)
        symlink(fixture.url("secret.txt").path, fixture.url("public/link.txt").path)
        return fixture
    }

    /// One HTTP/1.1 request written as is (no client normalises `/../`), with a 30 s read timeout (CI machines can be busy).
    func get(_ port: UInt16, _ target: String) throws -> (status: Int, headers: String, body: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0, "connect to 127.0.0.1:\(port)")
        let request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
            if let text = String(data: data, encoding: .utf8), let split = text.range(of: "\r\n\r\n"),
               let length = text[..<split.lowerBound].split(separator: "\r\n")
                .first(where: { $0.lowercased().hasPrefix("content-length:") })
                .flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }),
               data.count >= text[..<split.upperBound].utf8.count + length { break }
        }
        let text = String(decoding: data, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let status = Int(parts[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, parts[0], parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    @Test("Serves pages with their types, 404.html for what is missing, nothing outside the folder", .timeLimit(.minutes(1)))
    func serves() async throws {
        let fixture = try site()
        defer { fixture.cleanUp() }
        let server = try PreviewServer(root: fixture.url("public"), port: 0)
        let port = try await server.start()
        #expect(port > 0)

        let home = try get(port, "/")
        #expect(home.status == 200)
        #expect(home.headers.lowercased().contains("content-type: text/html; charset=utf-8"))
        #expect(home.body.contains("<h1>首页</h1>"))
        #expect(home.body.contains(PreviewServer.versionPath), "the reload script is injected into served HTML")
        let built = try String(contentsOf: fixture.url("public/index.html"), encoding: .utf8)
        #expect(!built.contains("__qcsite"), "but never into the built file")

        let search = try get(port, "/search/?q=%E5%85%89%E7%BC%86")
        #expect(search.status == 200 && search.body.contains("搜索"))
        let folder = try get(port, "/search")
        #expect(folder.status == 301 && folder.headers.contains("Location: /search/"))
        for (path, type) in [("/search/index.json", "application/json"), ("/assets/site.css", "text/css"), ("/2024/results.csv", "text/csv")] {
            let response = try get(port, path)
            #expect(response.status == 200 && response.headers.lowercased().contains("content-type: \(type)"), "\(path)")
        }

        let missing = try get(port, "/2099/no-such-page/")
        #expect(missing.status == 404)
        #expect(missing.body.contains("页面未找到"))

        for attempt in ["/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/secret.txt", "/search/..%2f..%2fsecret.txt", "/link.txt"] {
            let response = try get(port, attempt)
            #expect(response.status == 404, "\(attempt)")
            #expect(!response.body.contains("SECRET-OUTSIDE-THE-SITE") && !response.body.contains("root:"), "\(attempt)")
        }

        let version = try get(port, PreviewServer.versionPath)
        #expect(version.body == "1")
        await server.bumpVersion()
        let next = try get(port, PreviewServer.versionPath)
        #expect(next.body == "2")
        await server.stop()
    }

    @Test("The resolver refuses `..` however it is written")
    func resolver() throws {
        let fixture = try site()
        defer { fixture.cleanUp() }
        let files = PreviewFiles(root: fixture.url("public"))
        #expect(files.response(path: "/").status == 200)
        #expect(files.response(path: "/search/index.json").contentType == "application/json; charset=utf-8")
        for path in ["/../secret.txt", "/search/../../secret.txt", "/%2E%2E/secret.txt", "/..\\secret.txt", "/link.txt"] {
            let response = files.response(path: path)
            #expect(response.status == 404, "\(path)")
            #expect(!String(decoding: response.body, as: UTF8.self).contains("SECRET"), "\(path)")
        }
    }

    @Test("The watcher sees a file added, changed and removed, and nothing when nothing changed")
    func watcher() throws {
        let fixture = try SiteFixture(["content/site.yaml": "title: 示例\n"], withTheme: false)
        defer { fixture.cleanUp() }
        var watcher = ChangeWatcher(folders: [fixture.url("content")])
        var seen: [Bool] = [watcher.changed()]
        try fixture.write("content/notices/new.md", "---\ntitle: 新通知\n---\n")
        seen.append(watcher.changed())
        seen.append(watcher.changed())
        try fixture.write("content/site.yaml", "title: 示例竞赛网站\n")
        seen.append(watcher.changed())
        try fixture.remove("content/notices/new.md")
        seen.append(watcher.changed())
        #expect(seen == [false, true, false, true, true])
    }
}
