import Foundation
import Archive

/// What `qcsite stage` did, or would do on a dry run, for staff to read before and after a
/// stage goes out.
public struct StageReport: Sendable {
    public var year: Int
    public var from: Stage
    public var to: Stage
    public var dryRun: Bool
    /// competition.yaml, as messages name it, and the line of `published:` (nil: to be added).
    public var file: String
    public var line: Int?
    /// The output folder as given (`public`).
    public var output: String
    /// Unhandled error-level findings stopped it: nothing was written.
    public var stoppedByFindings: Bool
    /// The site at the new stage compared with the output as it was; nil when stopped.
    public var changes: SiteChanges?

    /// Lines listed per kind of change before the rest is counted.
    static let listed = 50

    public func text() -> String {
        let name = { (stage: Stage) in "\(stage.chineseNames[0])（\(stage.rawValue)）" }
        var lines = ["\(year)年：公布阶段 \(name(from)) → \(name(to))"]
        if stoppedByFindings {
            lines.append("有未处理的错误级检查结果，未公布；\(file) 保持不变（见上方说明）")
            return lines.joined(separator: "\n")
        }
        let place = line.map { "\(file) 第 \($0) 行" } ?? file
        lines.append(dryRun ? "试运行：\(place) 将改为 published: \(to.rawValue)；本次未写入任何文件（competition.yaml、存档和 \(output)/ 均未改动）"
                            : (from == to ? "\(place) 已是 published: \(to.rawValue)，未改动；已重新生成网站"
                                          : "已把 \(place) 改为 published: \(to.rawValue)，并生成网站"))
        if to < from { lines.append("注意：这是退回到较早的阶段，下面「删除」的页面和下载将从网站上撤下") }
        guard let changes else { return lines.joined(separator: "\n") }
        lines.append(dryRun ? "与当前 \(output)/ 相比，公布后：" : "与公布前的 \(output)/ 相比：")
        if changes.isEmpty { lines.append("  网站没有变化") }
        for (title, paths) in [("页面", changes.pages), ("下载", changes.downloads)] {
            for (verb, list) in [("新增", paths.added), ("更新", paths.changed), ("删除", paths.removed)] where !list.isEmpty {
                lines.append("  \(verb)\(title) \(list.count) 个：")
                lines += list.prefix(Self.listed).map { "    \($0)" }
                if list.count > Self.listed { lines.append("    ……另有 \(list.count - Self.listed) 个") }
            }
        }
        let others = changes.otherFiles
        let counted = [("新增", others.added.count), ("更新", others.changed.count), ("删除", others.removed.count)].filter { $0.1 > 0 }
        if !counted.isEmpty {
            lines.append("  其他文件（样式、搜索索引、订阅、站点地图等）" + counted.map { "\($0.0) \($0.1) 个" }.joined(separator: "，"))
        }
        if !changes.newEntries.isEmpty {
            lines.append("  首次公开的成果 \(changes.newEntries.count) 项：")
            lines += changes.newEntries.prefix(Self.listed).map { "    \($0.id)  \($0.title)" }
            if changes.newEntries.count > Self.listed { lines.append("    ……另有 \(changes.newEntries.count - Self.listed) 项") }
        }
        if !changes.newExcellent.isEmpty {
            lines.append("  首次公开的质量管理小组活动优秀企业 \(changes.newExcellent.count) 家：")
            lines += changes.newExcellent.map { "    \($0.id)  \($0.title)" }
        }
        return lines.joined(separator: "\n")
    }
}
