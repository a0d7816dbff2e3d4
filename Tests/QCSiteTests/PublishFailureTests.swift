import Foundation
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

/// A publish that fails or is interrupted leaves the old site exactly as it was and no staging
/// folder; what a kill leaves behind is removed by the next build.
@Suite("Failed and interrupted publishes", .serialized)
struct PublishFailureTests {
    @Test("With a read-only output folder the build fails before the swap: the old site stays whole, no staging folder")
    func readOnlyOutput() async throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try SiteFixture(FullSite.files())
        defer { fixture.cleanUp() }
        let first = try await Unprivileged.run(["build"], in: fixture)
        #expect(first.status == 0, "\(first.stderr)")
        let site = FullSite.tree(fixture.url("public"))
        try fixture.write("content/site.yaml", "title: 改名的竞赛\nbase_url: https://qc.example.org/\n")
        for folder in ["public", "public/notices"] {
            Unprivileged.chmod(fixture, folder, 0o555)
            defer { Unprivileged.chmod(fixture, folder, 0o755) }
            let run = try await Unprivileged.run(["build"], in: fixture)
            #expect(run.status == 3, "\(folder): \(run.stderr)")
            #expect(run.stderr.contains("无法写入") && run.stderr.contains("Permission denied"), "\(run.stderr)")
            #expect(FullSite.tree(fixture.url("public")) == site, "\(folder): the old site was changed")
            #expect(FullSite.names(in: fixture.root, prefix: ".public.").isEmpty)
        }
        let last = try await Unprivileged.run(["build"], in: fixture)
        #expect(last.status == 0, "\(last.stderr)")
        #expect(fixture.read("public/index.html")?.contains("改名的竞赛") == true)
    }

    @Test("Staging folders and old sites of dead processes are removed by the next build; a live process's are kept")
    func staleStaging() async throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try SiteFixture(FullSite.files())
        defer { fixture.cleanUp() }
        let dead = try Self.deadPid()
        let live = getpid()
        for name in [".public.staging-\(dead)", ".public.old-\(dead)", ".public.staging-\(dead).interrupted", ".public.staging-\(live)"] {
            try fixture.write("\(name)/index.html", "half a site")
        }
        let run = try await QCSiteBinary.launch(["build"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FullSite.names(in: fixture.root, prefix: ".public.") == [".public.staging-\(live)"])
    }

    @Test("SIGTERM and SIGINT during a build remove the staging folder and exit with a message", arguments: [SIGTERM, SIGINT])
    func interrupted(signal: Int32) async throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try SiteFixture(Self.largeSite(entries: 300))
        defer { fixture.cleanUp() }
        let first = try await QCSiteBinary.launch(["build"], in: fixture.root)
        #expect(first.status == 0, "\(first.stderr)")
        let old = FullSite.tree(fixture.url("public"))
        try fixture.write("content/site.yaml", "title: 改名的竞赛\nbase_url: https://qc.example.org/\narchive_publish: all\n")

        let root = fixture.root
        let (reason, status, stderr, sawStaging) = try await blocking { () throws -> (Process.TerminationReason, Int32, String, Bool) in
            let process = Process()
            process.executableURL = QCSiteBinary.url
            process.arguments = ["build"]
            process.currentDirectoryURL = root
            let err = Pipe()
            process.standardError = err
            try process.run()
            // Signalled once the new site is being written beside the old one.
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning && FullSite.names(in: root, prefix: ".public.staging-").isEmpty && Date() < deadline {
                usleep(500)
            }
            let sawStaging = !FullSite.names(in: root, prefix: ".public.staging-").isEmpty
            kill(process.processIdentifier, signal)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationReason, process.terminationStatus, stderr, sawStaging)
        }

        #expect(reason == .exit, "killed by the signal instead of handling it")
        if sawStaging {
            #expect(status == 128 + signal, "\(stderr)")
            #expect(stderr.contains("qcsite 已被中断"), "\(stderr)")
        }
        // A build the signal reached after its swap keeps the old site as its spare, as every
        // build does (when the test's polling missed the staging folder under load): only a
        // staging folder or an old site in transit is a leftover.
        let leftovers = FullSite.names(in: fixture.root, prefix: ".public.").filter { $0 != ".public.spare" }
        #expect(leftovers.isEmpty, "a staging folder was left: \(leftovers)")
        let now = FullSite.tree(fixture.url("public"))
        #expect(now == old || now["index.html"].map { String(decoding: $0, as: UTF8.self).contains("改名的竞赛") } == true,
                "the output is neither the old nor the new site")
        let next = try await QCSiteBinary.launch(["build"], in: fixture.root)
        #expect(next.status == 0, "\(next.stderr)")
    }

    /// The pid of a process that has exited.
    static func deadPid() throws -> pid_t {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// One year of `entries` published achievements, each with its own page: a build long enough
    /// to be interrupted while it writes.
    static func largeSite(entries: Int) -> [String: String] {
        let rows = (1...entries).map { i in
            "2024-\(String(format: "%04d", i)),\(["示例甲通信", "示例乙网络", "示例通信集团有限公司"][i % 3]),第\(i)QC小组,降低第\(i)号基站退服时长,问题解决型,张伟、李娜,,2024-08-20,,推荐表PDF、推荐表Word、成果报告、活动记录,"
        }
        var files = SiteFixture.minimal(rows: rows)
        files["content/site.yaml"] = "title: 示例竞赛\nbase_url: https://qc.example.org/\narchive_publish: all\n"
        files["content/years/2024/competition.yaml"] = SiteFixture.competition(2024, rules: "rules:\n  max_per_enterprise: 1000\n")
        files["content/years/2024/awards.csv"] = "编号,奖项,入围\n2024-0001,一等奖,是\n"
        return files
    }
}
