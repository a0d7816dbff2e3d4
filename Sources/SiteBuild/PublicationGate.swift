import Foundation
import Archive
import Content
import Diagnostics
import Rules

/// What stops a build before anything is rendered. A year whose published stage lacks its data
/// (`StageGap`) is an input error at its `published:` line: the stage would go out empty or
/// partial. Error-level findings staff have not handled, about what a year's published stage
/// makes public (`Finding.stage`), stop the build unless it is told to go ahead; findings of
/// a year still in registration or review stop nothing, since nothing they concern is public.
struct PublicationGate {
    let snapshot: ArchiveSnapshot
    let standings: [Int: YearStandings]
    let findings: [Int: [Finding]]
    let contentDirectory: URL
    let contentDisplayPath: String

    /// Every gap of every year, each located at its year's `published:` line.
    func checkStageData() throws {
        var errors: [InputError] = []
        for year in snapshot.years {
            guard let standing = standings[year.year] else { continue }
            let gaps = StageGap.gaps(year, standing: standing)
            guard !gaps.isEmpty else { continue }
            let line = CompetitionFile.publishedLine(contentDirectory: contentDirectory, contentDisplayPath: contentDisplayPath,
                                                     year: year.year)
            errors += gaps.map { InputError(path: year.competition.sourcePath, line: line, $0.message) }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
    }

    /// The findings that stop publication, by year.
    var blocking: [Int: [Finding]] {
        var result: [Int: [Finding]] = [:]
        for year in snapshot.years {
            let list = (findings[year.year] ?? []).filter { $0.blocks(at: year.competition.published) }
            if !list.isEmpty { result[year.year] = list }
        }
        return result
    }

    /// One line per year for the lines staff read when the build stops, or is let through.
    func lines(_ blocking: [Int: [Finding]], allowed: Bool) -> [String] {
        blocking.keys.sorted().map { y in
            let list = blocking[y]!
            let published = snapshot.year(y)!.competition.published
            let rules = Array(Set(list.map(\.rule))).sorted().map(\.rawValue).joined(separator: "、")
            let head = "\(y)年（已公布到「\(published.chineseNames[0])」）有 \(list.count) 个未处理的错误级检查结果（\(rules)）"
            return allowed
                ? "--allow-findings：\(head)，仍按要求生成网站；请尽快改正，或在 decisions.csv 中记录处理意见"
                : "\(head)，网站未生成，旧的输出保持不变：请运行 qcsite check --year \(y) 查看详情，改正数据，"
                    + "或在 content/years/\(y)/decisions.csv 中记录处理意见；确需照常发布时加 --allow-findings"
        }
    }
}
