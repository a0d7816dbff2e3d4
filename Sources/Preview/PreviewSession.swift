import Foundation
import CFileSwap
import SafePaths
import Publishing

/// `qcsite serve`: build, serve, and rebuild whenever content or theme change. Each build runs
/// in a child process on a scratch copy of the archive; a failed one leaves the last good site
/// served, with its errors over every page until the next good build.
public struct PreviewSession: Sendable {
    public var paths: SitePaths
    public var port: UInt16
    /// The qcsite executable that builds the preview (`qcsite build`, one process per build).
    public var builder: URL
    public var limits = PreviewLimits()
    public var log: @Sendable (String) -> Void

    public init(paths: SitePaths, port: UInt16, builder: URL, log: @escaping @Sendable (String) -> Void) {
        self.paths = paths
        self.port = port
        self.builder = builder
        self.log = log
    }

    /// Links in the preview are root-relative (`/`), so it works at any port; the staff's
    /// `public/` is not touched: the preview is written to a hidden folder beside it, and the
    /// archive copy to another (`.public-preview/`, `.public-preview-archive/`).
    public var previewOutput: URL {
        let output = paths.outputURL.standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent("." + output.lastPathComponent + "-preview")
    }

    public var scratchFolder: URL {
        previewOutput.deletingLastPathComponent().appendingPathComponent(previewOutput.lastPathComponent + "-archive")
    }

    /// Serves until the task is cancelled (Ctrl-C), then removes the preview and the archive copy.
    public func run() async throws {
        let scratch = try PreviewScratch(folder: scratchFolder)
        do {
            try await serve(scratch)
        } catch is CancellationError {
            log("正在停止预览…")
        } catch {
            removeFolders(scratch)
            throw error
        }
        removeFolders(scratch)
        let untouched = FileManager.default.fileExists(atPath: paths.archive) ? "；\(paths.archive) 未被改动" : ""
        log("预览已停止：已删除预览文件夹 \(previewOutput.path) 和存档的临时副本\(untouched)")
    }

    /// Builds and serves until cancelled.
    func serve(_ scratch: PreviewScratch) async throws {
        // A descriptor left open past the file limit by whatever started qcsite would stop every
        // build from starting (`qc_close_descriptors_past_limit`); qcsite opens none there itself.
        _ = qc_close_descriptors_past_limit()
        try scratch.copyArchive(from: paths.archive)
        // Whatever a preview that was killed left is not this content's site.
        try? FileManager.default.removeItem(at: previewOutput)
        try? FileManager.default.removeItem(at: OutputWriter.spare(of: previewOutput))
        let status = PreviewStatus()
        let server = try PreviewServer(root: previewOutput, port: port, status: status, limits: limits, log: log)
        defer { server.stop() }
        var watcher = ChangeWatcher(folders: [paths.contentURL, URL(fileURLWithPath: paths.themes)])
        await rebuild(scratch, status)
        try Task.checkCancellation()
        server.start()
        log("预览：http://127.0.0.1:\(server.port)/ （修改 \(paths.content)/ 或 \(paths.themes)/ 后自动重新生成并刷新页面；Ctrl-C 退出）")
        while true {
            try await Task.sleep(nanoseconds: 1_000_000_000)
            guard watcher.changed() else { continue }
            // Let an editor finish saving a group of files before building.
            try await Task.sleep(nanoseconds: 200_000_000)
            _ = watcher.changed()
            log("检测到修改，重新生成…")
            await rebuild(scratch, status)
            try Task.checkCancellation()
        }
    }

    func removeFolders(_ scratch: PreviewScratch) {
        try? FileManager.default.removeItem(at: previewOutput)
        try? FileManager.default.removeItem(at: OutputWriter.spare(of: previewOutput))
        scratch.remove()
    }

    /// One `qcsite build` of the preview into its folder, importing into the scratch copy.
    func build(into scratch: PreviewScratch) -> PreviewBuild {
        PreviewBuild(executable: builder, arguments: [
            "build", "--content", paths.content, "--themes", paths.themes,
            "--archive", scratch.archive.path, "--output", previewOutput.path, "--base-url", "/",
        ])
    }

    func rebuild(_ scratch: PreviewScratch, _ status: PreviewStatus) async {
        let outcome = await build(into: scratch).run(log: log)
        scratch.removeBackups()
        switch outcome {
        case .built:
            status.built()
        case .failed(let lines):
            guard !Task.isCancelled else { return }
            status.failed(lines)
            log("生成失败：继续提供上一次成功生成的网站，错误同时显示在浏览器的页面上")
        }
    }
}
