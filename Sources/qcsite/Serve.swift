import ArgumentParser
import Foundation
import QCSite

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "生成网站并在本机预览（127.0.0.1）；内容或主题修改后自动重新生成并刷新浏览器。")

    @OptionGroup var site: SiteOptions
    @Option(help: "端口；0 表示任选一个空闲端口") var port: UInt16 = 8000

    func run() async throws {
        try await PreviewSession(paths: site.paths, port: port, log: { progress($0) }).run()
    }
}
