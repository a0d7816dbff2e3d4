import Foundation
import Testing
import ZIPFoundation
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

/// `qcsite serve` as staff use it: the binary in a site folder, edits saved while it runs,
/// stopped with Ctrl-C or SIGTERM.
@Suite("Preview session", .serialized)
struct PreviewSessionTests {
    static let title = "2024年示例QC小组成果竞赛"
    static let goodRow = "2024-001,示例甲通信,蓝海QC小组,降低基站退服时长,问题解决型,张伟、李娜,张伟、李娜、王芳,2024-08-20,,推荐表PDF、推荐表Word、成果报告、活动记录,"

    /// A one-year site in its registration stage (nothing of it needs scores to publish).
    func site() throws -> SiteFixture {
        var files = SiteFixture.minimal(rows: [Self.goodRow])
        files["content/years/2024/competition.yaml"] = SiteFixture.competition(2024, published: "registration")
        return try SiteFixture(files)
    }

    func retitle(_ fixture: SiteFixture, _ title: String) throws {
        try fixture.write("content/years/2024/competition.yaml", SiteFixture.competition(2024, published: "registration")
            .replacingOccurrences(of: Self.title, with: title))
    }

    /// Every file under a folder with its bytes, to compare before and after.
    func contents(of folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return result }
        for case let url as URL in files {
            if let data = FileManager.default.contents(atPath: url.path) { result[url.lastPathComponent] = data }
        }
        return result
    }

    @Test("Edits during a preview never change archive.sqlite or its backups; SIGTERM removes the preview's folders", .timeLimit(.minutes(5)))
    func archiveUntouched() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let fixture = try site()
        defer { fixture.cleanUp() }
        let imported = try QCSiteBinary.run(["import"], in: fixture.root)
        try #require(imported.status == 0, "\(imported.stderr)")
        try retitle(fixture, "第一版")
        #expect(try QCSiteBinary.run(["import"], in: fixture.root).status == 0, "a backup folder with one backup")
        let archive = try Data(contentsOf: fixture.url("archive.sqlite"))
        let backups = ArchiveBackups.folder(for: fixture.paths.archive)
        let keptBackups = contents(of: backups)
        #expect(keptBackups.count == 1)

        let preview = try PreviewProcess(in: fixture.root)
        let port = try preview.port()
        #expect(RawHTTP.get(port, "/").body.contains("第一版"), "the preview starts from the archive and content as they are")
        var version = RawHTTP.get(port, PreviewServer.versionPath).body
        for edit in 1...4 {
            try retitle(fixture, "预览修改\(edit)")
            version = try preview.nextVersion(after: version, port: port)
            #expect(RawHTTP.get(port, "/").body.contains("预览修改\(edit)"), "edit \(edit) is previewed")
        }
        #expect(try Data(contentsOf: fixture.url("archive.sqlite")) == archive, "archive.sqlite is byte-identical")
        #expect(contents(of: backups) == keptBackups, "no backup written, none pruned")
        #expect(FileManager.default.fileExists(atPath: fixture.url(".public-preview-archive/archive.sqlite").path))
        #expect(!FileManager.default.fileExists(atPath: fixture.url(".public-preview-archive/archive-backups").path),
                "the copy's backups are not kept either")

        let second = try PreviewProcess(in: fixture.root)
        let secondStatus = second.exitStatus(within: 60)
        #expect(secondStatus != nil && secondStatus != 0 && second.printed.contains("已有一个 qcsite serve 在运行"), "\(second.printed)")
        #expect(RawHTTP.get(port, "/").status == 200, "and the first preview goes on")

        #expect(try preview.stop(SIGTERM) == 0)
        #expect(preview.printed.contains("预览已停止"))
        #expect(!FileManager.default.fileExists(atPath: fixture.url(".public-preview").path))
        #expect(!FileManager.default.fileExists(atPath: fixture.url(".public-preview-archive").path))
        #expect(try Data(contentsOf: fixture.url("archive.sqlite")) == archive)
        #expect(contents(of: backups) == keptBackups)
        #expect(!FileManager.default.fileExists(atPath: fixture.url("public").path), "public/ is not the preview's")
    }

    @Test("With no archive yet the preview starts from an empty copy and never creates archive.sqlite; Ctrl-C stops it", .timeLimit(.minutes(3)))
    func noArchiveYet() throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try site()
        defer { fixture.cleanUp() }
        let preview = try PreviewProcess(in: fixture.root)
        let port = try preview.port()
        #expect(RawHTTP.get(port, "/").body.contains(Self.title))
        #expect(try preview.stop(SIGINT) == 0)
        #expect(preview.printed.contains("预览已停止"))
        #expect(!FileManager.default.fileExists(atPath: fixture.url("archive.sqlite").path))
        #expect(!FileManager.default.fileExists(atPath: ArchiveBackups.folder(for: fixture.paths.archive).path))
        #expect(!FileManager.default.fileExists(atPath: fixture.url(".public-preview-archive").path))
    }

    @Test("A failed rebuild, even one that crashes, leaves the last good site served with its errors in the page until fixed", .timeLimit(.minutes(5)))
    func failedRebuildInBrowser() throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try site()
        defer { fixture.cleanUp() }
        let preview = try PreviewProcess(in: fixture.root)
        let port = try preview.port()
        var version = RawHTTP.get(port, PreviewServer.versionPath).body
        #expect(!RawHTTP.get(port, "/").body.contains(PreviewOverlay.bannerID))
        let css = RawHTTP.get(port, "/assets/site.css").body

        // An input error: the date of row 2 does not exist.
        try fixture.write("content/years/2024/registrations.csv", SiteFixture.registrationHeader + "\n"
            + Self.goodRow.replacingOccurrences(of: "2024-08-20", with: "2024-13-01") + "\n")
        version = try preview.nextVersion(after: version, port: port)
        let failed = RawHTTP.get(port, "/")
        #expect(failed.status == 200 && failed.body.contains(Self.title), "the last good site")
        #expect(failed.body.contains(PreviewOverlay.bannerID) && failed.body.contains("网站生成失败"))
        #expect(failed.body.contains("content/years/2024/registrations.csv:2: "), "\(failed.body)")
        #expect(RawHTTP.get(port, "/assets/site.css").body == css, "only HTML pages carry the errors")
        let served = try String(contentsOf: fixture.url(".public-preview/index.html"), encoding: .utf8)
        #expect(!served.contains(PreviewOverlay.bannerID), "the files of the output are never changed for it")

        // A workbook whose date is 1e300 days: a reader that traps on it must not take the server down.
        try fixture.remove("content/years/2024/registrations.csv")
        try Self.workbookWithHugeDate(at: fixture.url("content/years/2024/registrations.xlsx"))
        version = try preview.nextVersion(after: version, port: port)
        let crashed = RawHTTP.get(port, "/")
        #expect(crashed.status == 200 && crashed.body.contains(Self.title))
        #expect(crashed.body.contains(PreviewOverlay.bannerID))
        // A reader that refuses the date names the file; one that traps, the crash.
        #expect(crashed.body.contains("registrations.xlsx") || crashed.body.contains("生成进程意外终止"), "\(crashed.body)")

        try fixture.remove("content/years/2024/registrations.xlsx")
        try fixture.write("content/years/2024/registrations.csv", SiteFixture.registrationHeader + "\n" + Self.goodRow + "\n")
        try retitle(fixture, "改好了")
        version = try preview.nextVersion(after: version, port: port)
        let fixed = RawHTTP.get(port, "/")
        #expect(fixed.body.contains("改好了") && !fixed.body.contains(PreviewOverlay.bannerID), "the banner goes with the next good build")
        #expect(try preview.stop(SIGTERM) == 0)
    }

    @Test("Out of file descriptors, the preview closes idle connections, says so and goes on serving", .timeLimit(.minutes(3)))
    func survivesDescriptorExhaustion() throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try site()
        defer { fixture.cleanUp() }
        let preview = try PreviewProcess(in: fixture.root, fileLimit: 64)
        let port = try preview.port()
        let idle = (0..<100).compactMap { _ in RawHTTP.connection(to: port, timeout: 10) }
        #expect(idle.count == 100)
        Thread.sleep(forTimeInterval: 0.5)
        let crowded = RawHTTP.get(port, "/", timeout: 10)
        #expect(crowded.status == 200, "served while 100 idle connections are open: \(crowded.body)\n\(preview.printed)")
        idle.forEach { close($0) }
        Thread.sleep(forTimeInterval: 0.5)
        let freed = RawHTTP.get(port, "/", timeout: 10)
        #expect(freed.status == 200, "\(freed.body.prefix(300))\n\(preview.printed)")
        #expect(preview.printed.contains("可打开的文件数已用尽"), "\(preview.printed)")
        #expect(!preview.printed.contains("检测到修改"), "running out of descriptors is no edit: \(preview.printed)")
        #expect(try preview.stop(SIGTERM) == 0)
    }

    /// A registration workbook whose date cell holds 1e300: far past any day a date can name.
    static func workbookWithHugeDate(at url: URL) throws {
        try XLSXFixture.make(rows: [
            [.shared("编号"), .shared("单位名称"), .shared("小组名称"), .shared("课题名称"), .shared("课题类型"), .shared("发表人"), .shared("报名日期")],
            [.shared("2024-001"), .shared("示例甲通信"), .shared("蓝海QC小组"), .shared("降低基站退服时长"), .shared("问题解决型"), .shared("张伟"), .date(45500)],
        ], at: url)
        let archive = try Archive(url: url, accessMode: .update)
        let sheet = try #require(archive["xl/worksheets/sheet1.xml"])
        var xml = Data()
        _ = try archive.extract(sheet) { xml.append($0) }
        let patched = Data(String(decoding: xml, as: UTF8.self).replacingOccurrences(of: "<v>45500</v>", with: "<v>1e300</v>").utf8)
        try archive.remove(sheet)
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(patched.count)) { position, size in
            patched.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}
