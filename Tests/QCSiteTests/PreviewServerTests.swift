import Foundation
import Synchronization
import Testing
@testable import Archive
@testable import Content
@testable import Diagnostics
@testable import Disclosure
@testable import Forms
@testable import Preview
@testable import Publishing
@testable import Rules
@testable import SafePaths
@testable import SiteBuild
@testable import SiteSettings
@testable import TextKeys
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `qcsite serve`: the preview server over real HTTP on 127.0.0.1, the HTML it adds to pages,
/// what it refuses, and the change watcher.
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
            "public/evil.example/index.html": "<!DOCTYPE html><html><body>一个名字像网址的文件夹</body></html>",
            "secret.txt": "SECRET-OUTSIDE-THE-SITE",
        ], withTheme: false)
        symlink(fixture.url("secret.txt").path, fixture.url("public/link.txt").path)
        return fixture
    }

    /// A server of the fixture's `public/`, started, with what it logged.
    func server(_ fixture: SiteFixture, status: PreviewStatus = PreviewStatus(), limits: PreviewLimits = PreviewLimits()) throws -> (PreviewServer, Messages) {
        let messages = Messages()
        let server = try PreviewServer(root: fixture.url("public"), port: 0, status: status, limits: limits, log: messages.append)
        server.start()
        return (server, messages)
    }

    final class Messages: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    @Test("Serves pages with their types, 404.html for what is missing, nothing outside the folder", .timeLimit(.minutes(1)))
    func serves() throws {
        let fixture = try site()
        defer { fixture.cleanUp() }
        let status = PreviewStatus()
        let (server, _) = try server(fixture, status: status)
        defer { server.stop() }
        let port = server.port
        #expect(port > 0)

        let home = RawHTTP.get(port, "/")
        #expect(home.status == 200)
        #expect(home.header("Content-Type") == "text/html; charset=utf-8")
        #expect(home.body.contains("<h1>首页</h1>"))
        #expect(home.body.contains(PreviewServer.versionPath), "the reload script is added to served HTML")
        let built = try String(contentsOf: fixture.url("public/index.html"), encoding: .utf8)
        #expect(!built.contains("__qcsite"), "but never to the built file")

        let search = RawHTTP.get(port, "/search/?q=%E5%85%89%E7%BC%86")
        #expect(search.status == 200 && search.body.contains("搜索"))
        let folder = RawHTTP.get(port, "/search")
        #expect(folder.status == 301 && folder.header("Location") == "/search/")
        for (path, type) in [("/search/index.json", "application/json"), ("/assets/site.css", "text/css"), ("/2024/results.csv", "text/csv")] {
            let response = RawHTTP.get(port, path)
            #expect(response.status == 200 && response.header("Content-Type")?.hasPrefix(type) == true, "\(path)")
        }
        let head = RawHTTP.request(port, "HEAD /assets/site.css HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(head.status == 200 && head.header("Content-Length") == "6" && head.body.isEmpty)

        let missing = RawHTTP.get(port, "/2099/no-such-page/")
        #expect(missing.status == 404)
        #expect(missing.body.contains("页面未找到"))

        for attempt in ["/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/secret.txt", "/search/..%2f..%2fsecret.txt", "/link.txt"] {
            let response = RawHTTP.get(port, attempt)
            #expect(response.status == 404, "\(attempt)")
            #expect(!response.body.contains("SECRET-OUTSIDE-THE-SITE") && !response.body.contains("root:"), "\(attempt)")
        }

        #expect(RawHTTP.get(port, PreviewServer.versionPath).body == "1")
        status.built()
        #expect(RawHTTP.get(port, PreviewServer.versionPath).body == "2")
    }

    @Test("A folder asked for without its slash redirects to a path on this site, however the request is written", .timeLimit(.minutes(1)))
    func redirectsStayOnSite() throws {
        let fixture = try site()
        defer { fixture.cleanUp() }
        let (server, _) = try server(fixture)
        defer { server.stop() }

        let plain = RawHTTP.get(server.port, "//evil.example")
        #expect(plain.status == 301)
        #expect(plain.header("Location") == "/evil.example/")
        #expect(RawHTTP.get(server.port, "//evil.example?q=1").header("Location") == "/evil.example/?q=1")
        for target in ["//evil.example", "///evil.example", "/%2F%2Fevil.example", "/%2F/evil.example", "/%2f%2fevil.example?x=1",
                       "/\\evil.example", "/%5Cevil.example", "/%5C%5Cevil.example", "//%5Cevil.example", "/./evil.example", "//search"] {
            let response = RawHTTP.get(server.port, target)
            guard response.status == 301 else {
                #expect(response.status == 404, "\(target)")
                continue
            }
            let location = try #require(response.header("Location"), "\(target)")
            // A browser reads `//x`, `/\x` and `\\x` as another host; only a single `/` then a path stays here.
            #expect(location.hasPrefix("/") && !location.hasPrefix("//") && !location.hasPrefix("/\\") && !location.contains("\\"),
                    "\(target) → \(location)")
            #expect(!location.contains(":"), "\(target) → \(location)")
        }
    }

    @Test("A request line, headers or host beyond what a browser sends get 414, 431, 400, 403 or 405", .timeLimit(.minutes(1)))
    func refusesOversizedRequests() throws {
        let fixture = try site()
        defer { fixture.cleanUp() }
        let (server, _) = try server(fixture)
        defer { server.stop() }
        let port = server.port

        let longTarget = "/" + String(repeating: "a", count: 9000)
        #expect(RawHTTP.get(port, longTarget).status == 414)
        let bigHeader = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: \(String(repeating: "b", count: 40_000))\r\n\r\n"
        #expect(RawHTTP.request(port, bigHeader).status == 431)
        let manyHeaders = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (1...150).map { "X-H\($0): v\r\n" }.joined() + "\r\n"
        #expect(RawHTTP.request(port, manyHeaders).status == 431)
        for malformed in ["GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\n folded: header\r\n\r\n", "GET http://evil.example/ HTTP/1.1\r\n\r\n",
                          "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"] {
            #expect(RawHTTP.request(port, malformed).status == 400, "\(malformed)")
        }
        #expect(RawHTTP.request(port, "GET / HTTP/2.0\r\n\r\n").status == 505)
        #expect(RawHTTP.request(port, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n").status == 405)
        let rebound = RawHTTP.request(port, "GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n")
        #expect(rebound.status == 403 && !rebound.body.contains("首页"), "a page whose name was pointed at 127.0.0.1")
        #expect(RawHTTP.request(port, "GET / HTTP/1.1\r\nHost: localhost:9999\r\n\r\n").status == 200)
        #expect(RawHTTP.request(port, "GET / HTTP/1.0\r\n\r\n").status == 200)
        #expect(RawHTTP.get(port, "/").status == 200, "and it still serves")
    }

    @Test("Clients sending 1 MB headers or one byte at a time are answered and do not hold up others", .timeLimit(.minutes(2)))
    func hostileClientsDoNotStall() throws {
        let fixture = try site()
        defer { fixture.cleanUp() }
        var limits = PreviewLimits()
        limits.headSeconds = 2
        let (server, _) = try server(fixture, limits: limits)
        defer { server.stop() }
        let port = server.port

        // Two clients each sending a 1 MB header and keeping the connection open.
        let big = Data("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ".utf8) + Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        let bigClients = (0..<2).compactMap { _ in RawHTTP.connection(to: port, timeout: 20) }
        try #require(bigClients.count == 2)
        defer { bigClients.forEach { close($0) } }
        let senders = DispatchGroup()
        for fd in bigClients { DispatchQueue.global().async(group: senders) { RawHTTP.send(fd, big) } }
        // Two clients sending the start of a head and then nothing.
        let slowClients = (0..<2).compactMap { _ in RawHTTP.connection(to: port, timeout: 20) }
        defer { slowClients.forEach { close($0) } }
        slowClients.forEach { RawHTTP.send($0, Data("GET / HTTP/1.1\r\nHo".utf8)) }

        // A client that waited for them would wait the ten seconds and get status 0.
        for _ in 0..<3 {
            #expect(RawHTTP.get(port, "/", timeout: 10).status == 200)
        }
        for fd in bigClients { #expect(RawHTTP.receive(fd).status == 431) }
        senders.wait()
        for fd in slowClients { #expect(RawHTTP.receive(fd).status == 408, "a head not finished in time") }
        #expect(RawHTTP.get(port, "/", timeout: 10).status == 200)
    }

    @Test("Past the connection limit, the connection waiting longest is closed, new requests are served, and staff are told", .timeLimit(.minutes(1)))
    func limitsConnections() throws {
        let fixture = try site()
        defer { fixture.cleanUp() }
        var limits = PreviewLimits()
        limits.connections = 8
        let (server, messages) = try server(fixture, limits: limits)
        defer { server.stop() }

        let idle = (0..<30).compactMap { _ in RawHTTP.connection(to: server.port, timeout: 10) }
        defer { idle.forEach { close($0) } }
        #expect(idle.count == 30)
        #expect(RawHTTP.get(server.port, "/", timeout: 10).status == 200)
        #expect(messages.all.contains { $0.contains("同时连接已达上限 8 个") }, "\(messages.all)")
    }

    @Test("While the last build failed, every page carries its errors, escaped; CSS and the files stay as built", .timeLimit(.minutes(1)))
    func showsFailedBuild() throws {
        let fixture = try site()
        defer { fixture.cleanUp() }
        let status = PreviewStatus()
        let (server, _) = try server(fixture, status: status)
        defer { server.stop() }
        let port = server.port
        #expect(!RawHTTP.get(port, "/").body.contains(PreviewOverlay.bannerID))

        status.failed(["content/years/2024/registrations.csv:3: 编号 <2024-001> 重复", "共 1 处输入错误 (1 input error)"])
        #expect(RawHTTP.get(port, PreviewServer.versionPath).body == "2", "open pages reload to show it")
        for target in ["/", "/search/", "/2099/missing/"] {
            let page = RawHTTP.get(port, target).body
            #expect(page.contains(PreviewOverlay.bannerID), "\(target)")
            #expect(page.contains("网站生成失败"), "\(target)")
            #expect(page.contains("content/years/2024/registrations.csv:3: 编号 &lt;2024-001&gt; 重复"), "\(target)")
            #expect(!page.contains("<2024-001>"), "\(target)")
        }
        #expect(RawHTTP.get(port, "/").body.contains("<h1>首页</h1>"), "the last good site is still served")
        #expect(RawHTTP.get(port, "/assets/site.css").body == "body{}")
        #expect(RawHTTP.get(port, "/search/index.json").body == "{\"docs\":[]}")
        #expect(try String(contentsOf: fixture.url("public/index.html"), encoding: .utf8) == "<!DOCTYPE html><html><body><h1>首页</h1></body></html>")

        status.built()
        #expect(RawHTTP.get(port, PreviewServer.versionPath).body == "3")
        #expect(!RawHTTP.get(port, "/").body.contains(PreviewOverlay.bannerID))
    }

    @Test("Before any good build, the errors still reach the browser on a page of the server's own")
    func showsErrorsWithoutSite() throws {
        let fixture = try SiteFixture([:], withTheme: false)
        defer { fixture.cleanUp() }
        let status = PreviewStatus()
        status.failed(["content/site.yaml:1: 缺少 title"])
        let (server, _) = try server(fixture, status: status)
        defer { server.stop() }
        let page = RawHTTP.get(server.port, "/")
        #expect(page.status == 404)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.body.contains("content/site.yaml:1: 缺少 title") && page.body.contains(PreviewServer.versionPath))
    }

    @Test("The resolver refuses `..` however it is written")
    func resolver() throws {
        let fixture = try site()
        defer { fixture.cleanUp() }
        let files = PreviewFiles(root: fixture.url("public"))
        #expect(files.response(target: "/").status == 200)
        #expect(files.response(target: "/search/index.json").contentType == "application/json; charset=utf-8")
        for path in ["/../secret.txt", "/search/../../secret.txt", "/%2E%2E/secret.txt", "/..\\secret.txt", "/link.txt"] {
            let response = files.response(target: path)
            #expect(response.status == 404, "\(path)")
            #expect(!String(decoding: response.body, as: UTF8.self).contains("SECRET"), "\(path)")
        }
    }

    @Test("The head reader stops at the limits however the bytes arrive")
    func headReader() {
        var limits = PreviewLimits()
        limits.requestLineBytes = 64
        limits.headBytes = 256
        var byteByByte = HTTPHeadReader(limits: limits)
        var progress = HTTPHeadReader.Progress.incomplete
        for byte in "GET /a%20b?q=1 HTTP/1.1\r\nHost: localhost:8000\r\n\r\nextra".utf8 where progress == .incomplete {
            progress = byteByByte.append([byte])
        }
        #expect(progress == .complete(HTTPRequestHead(method: "GET", target: "/a%20b?q=1", host: "localhost:8000")))

        var longLine = HTTPHeadReader(limits: limits)
        #expect(longLine.append(Array(repeating: UInt8(ascii: "a"), count: 65)) == .refused(.uriTooLong), "refused before its end arrives")
        var longHead = HTTPHeadReader(limits: limits)
        #expect(longHead.append(Array("GET / HTTP/1.1\r\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 300)) == .refused(.headersTooLarge))
        var bareNewlines = HTTPHeadReader(limits: limits)
        #expect(bareNewlines.append(Array("GET / HTTP/1.0\nHost: 127.0.0.1\n\n".utf8)) == .complete(HTTPRequestHead(method: "GET", target: "/", host: "127.0.0.1")))
        var nonASCII = HTTPHeadReader(limits: limits)
        #expect(nonASCII.append(Array("GET /首页 HTTP/1.1\r\n\r\n".utf8)) == .refused(.badRequest))
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

    /// `sh -c script` as the preview's build, with what it logged.
    func build(_ script: String, in folder: URL) async -> (PreviewBuild.Outcome, [String]) {
        let logged = Mutex<[String]>([])
        let outcome = await PreviewBuild(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "cd '\(folder.path)' && " + script])
            .run { line in logged.withLock { $0.append(line) } }
        return (outcome, logged.withLock { $0 })
    }

    @Test("A build that fails without a word is tried again; one that says why it failed is not")
    func silentFailureRetried() async throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let (passing, passingLog) = await build("if [ -e tried ]; then exit 0; fi; touch tried; exit 3", in: fixture.root)
        #expect(passing == .built)
        #expect(passingLog.count == 1 && passingLog[0].contains("没有输出") && passingLog[0].contains("重试"), "\(passingLog)")

        let (silent, silentLog) = await build("echo x >> tries; exit 3", in: fixture.root)
        #expect(silent == .failed(["qcsite build 以状态 3 结束，没有输出"]))
        #expect(fixture.read("tries") == "x\nx\nx\n", "three tries")
        #expect(silentLog.last == "qcsite build 以状态 3 结束，没有输出", "the last word reaches the terminal too")

        let (spoken, spokenLog) = await build("echo said >> told; echo 'content/x.csv:2: 日期不存在'; exit 2", in: fixture.root)
        #expect(spoken == .failed(["content/x.csv:2: 日期不存在"]))
        #expect(spokenLog == ["content/x.csv:2: 日期不存在"] && fixture.read("told") == "said\n", "run once")
    }
}
