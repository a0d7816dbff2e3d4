import Foundation
import FlyingFox
import FlyingSocks

/// The HTTP side of `qcsite serve`: the output folder on 127.0.0.1, with `/__qcsite/version`
/// (the build number) that the script injected into HTML pages polls to reload them.
public actor PreviewServer {
    public static let versionPath = "/__qcsite/version"

    let files: PreviewFiles
    let server: HTTPServer
    private var version = 1
    private var task: Task<Void, any Error>?

    /// Port 0 asks the system for a free port; `start()` returns the one it got.
    public init(root: URL, port: UInt16) throws {
        files = PreviewFiles(root: root)
        server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port), logger: .disabled)
    }

    /// Starts listening and returns the port.
    public func start() async throws -> UInt16 {
        let files = files
        await server.appendRoute(HTTPRoute(stringLiteral: "GET " + Self.versionPath)) { [weak self] _ in
            let version = await self?.currentVersion ?? 0
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                                body: Data("\(version)".utf8))
        }
        await server.appendRoute("*") { [weak self] request in
            let version = await self?.currentVersion ?? 0
            // The raw target: FlyingFox's `path` drops a folder's trailing slash; PreviewFiles rejects `..` itself.
            let response = files.response(path: request.target.path(percentEncoded: true), reloadScript: Self.reloadScript(version: version))
            var headers: HTTPHeaders = [.contentType: response.contentType, .cacheControl: "no-store"]
            if let location = response.location { headers[.location] = location }
            return HTTPResponse(statusCode: HTTPStatusCode(response.status, phrase: Self.phrase(response.status)),
                                headers: headers, body: response.body)
        }
        let server = server
        task = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 10)
        guard case let .ip4(_, port)? = await server.listeningAddress else { return 0 }
        return port
    }

    public func stop() async {
        await server.stop(timeout: 1)
        task?.cancel()
        task = nil
    }

    /// A new build is out: open pages reload.
    public func bumpVersion() { version += 1 }

    public var currentVersion: Int { version }

    /// Polls the build number once a second and reloads the page when it changes.
    static func reloadScript(version: Int) -> String {
        """
        <script>(function(){var v="\(version)";function poll(){fetch("\(versionPath)",{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(t!==v){location.reload();}else{setTimeout(poll,1000);}},function(){setTimeout(poll,2000);});}setTimeout(poll,1000);})();</script>

        """
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 404: "Not Found"
        default: "Status"
        }
    }
}

/// `qcsite serve`: build, serve, and rebuild whenever content or theme change; a failed
/// rebuild is reported and the last good site stays served.
public struct PreviewSession {
    public var paths: SitePaths
    public var port: UInt16
    public var log: @Sendable (String) -> Void

    public init(paths: SitePaths, port: UInt16, log: @escaping @Sendable (String) -> Void) {
        self.paths = paths
        self.port = port
        self.log = log
    }

    /// Links in the preview are root-relative (`/`), so it works at any port; the staff's
    /// `public/` is not touched (the preview is written to the hidden folder beside it).
    public var previewPaths: SitePaths {
        var preview = paths
        let output = paths.outputURL.standardizedFileURL
        preview.output = output.deletingLastPathComponent().appendingPathComponent("." + output.lastPathComponent + "-preview").path
        return preview
    }

    func build() -> Bool {
        do {
            var builder = SiteBuilder(paths: previewPaths, baseURL: "/", log: log)
            builder.lockWait = .seconds(60)  // a build or import of the same site finishes first
            _ = try builder.build()
            return true
        } catch {
            log("生成失败，继续提供上一次成功生成的网站：\n\(error)")
            return false
        }
    }

    public func run() async throws {
        _ = build()
        let server = try PreviewServer(root: previewPaths.outputURL, port: port)
        let actual = try await server.start()
        log("预览：http://127.0.0.1:\(actual)/ （修改 \(paths.content)/ 或 \(paths.themes)/ 后自动重新生成并刷新页面；Ctrl-C 退出）")
        var watcher = ChangeWatcher(folders: [paths.contentURL, URL(fileURLWithPath: paths.themes)])
        while !Task.isCancelled {
            try await Task.sleep(nanoseconds: 1_000_000_000)
            guard watcher.changed() else { continue }
            // Let an editor finish saving a group of files before building.
            try await Task.sleep(nanoseconds: 200_000_000)
            _ = watcher.changed()
            log("检测到修改，重新生成…")
            if build() { await server.bumpVersion() }
        }
        await server.stop()
    }
}
