import ArgumentParser
import Foundation
import SiteBuild
import Preview
import Diagnostics

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "生成网站并在本机预览（127.0.0.1）；内容或主题修改后自动重新生成并刷新浏览器。存档只用临时副本，不会被改动。")

    @OptionGroup var site: SiteOptions
    @Option(help: "端口；0 表示任选一个空闲端口") var port: UInt16 = 8000

    func run() async throws {
        let session = PreviewSession(paths: site.paths, port: port, builder: Self.executable, log: { progress($0) })
        let task = Task { try await session.run() }
        // Ctrl-C and SIGTERM end the session, which removes its folders before the process exits.
        let stops = [SIGINT, SIGTERM].map { signalNumber in
            #if canImport(Darwin)
            // Darwin still runs the default action (exit) unless the signal is ignored; Linux's
            // dispatch catches it itself, so the child builds start with the default action.
            signal(signalNumber, SIG_IGN)
            #endif
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        defer { stops.forEach { $0.cancel() } }
        do {
            try await task.value
        } catch is CancellationError {
            return
        } catch let errors as InputErrors {
            progress(errors.description)
            throw ExitCode(2)
        } catch {
            progress(StepError(step: "serve", underlying: error, archivePath: site.archive).description)
            throw ExitCode(3)
        }
    }

    /// This very program, to run each build of the preview in a process of its own.
    static var executable: URL {
        Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }
}
