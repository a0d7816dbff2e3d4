import Foundation
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

/// A site with something in every folder an import reads — a notice with an attachment, a
/// page, a write-up, score sheets — for tests of what must survive when part of it cannot be read.
enum FullSite {
    static let notice = """
        ---
        title: 关于开展2024年竞赛的通知
        date: 2024-08-15
        year: 2024
        attachments:
          - title: 报名表
            file: years/2024/files/报名表.txt
        ---
        请各单位按时报名。

        """

    static func files(attachment: String = "years/2024/files/报名表.txt") -> [String: String] {
        var files = PublicSiteTests.site(writeup: "---\ntitle: 活动过程\n---\n小组的活动过程。\n")
        files["content/notices/2024-08-15-start.md"] = notice.replacingOccurrences(of: "years/2024/files/报名表.txt", with: attachment)
        files["content/years/2024/files/报名表.txt"] = "报名表内容\n"
        files["content/pages/about.md"] = "---\ntitle: 关于我们\n---\n协会简介。\n"
        return files
    }

    /// How many notices, pages, write-ups and score sheets the archive holds.
    static func counts(_ archivePath: String) throws -> [String: Int] {
        let snapshot = try ArchiveDatabase(path: archivePath).snapshot()
        let years = snapshot.years
        return ["notices": snapshot.writing.notices.count, "pages": snapshot.writing.pages.count,
                "writeups": years.map(\.writeups.count).reduce(0, +), "sheets": years.map(\.sheets.count).reduce(0, +)]
    }

    /// Every file of a folder by relative path with its bytes: what a visitor or an upload tool sees.
    static func tree(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return files }
        while let path = enumerator.nextObject() as? String {
            if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular {
                files[path] = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path)
            }
        }
        return files
    }

    /// Names in `folder` starting with `prefix` (staging folders, temporary backups).
    static func names(in folder: URL, prefix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(prefix) }.sorted()
    }
}
