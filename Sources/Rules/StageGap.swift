import Foundation
import Archive
import SafePaths

/// Data a year's published stage needs and the archive lacks: publishing the stage would put
/// an empty or partial list on the site. Shortlist (and on-site): a shortlist, and a material
/// score for every active entry where scores decide it; results: prizes, an on-site score for
/// every shortlisted entry where scores decide them, and the excellent-enterprise selection
/// (评选结果) when the year has applications; review: registrations.
public struct StageGap: Sendable, Equatable, Encodable {
    /// The stage that needs the data.
    public var stage: Stage
    /// The file the data belongs in, as staff find it (`content/years/2025/scores/material.csv`).
    public var file: String
    public var message: String
    /// The entries the data is missing for, where it is missing entry by entry.
    public var ids: [String]?

    /// Every gap of `year` at its published stage, earliest stage first.
    public static func gaps(_ year: YearRecords, standing: YearStandings) -> [StageGap] {
        let published = year.competition.published
        let folder = PathText.folder(of: year.competition.sourcePath)
        let y = year.year
        let name = "\(y)年公布到「\(published.chineseNames[0])」（published: \(published.rawValue)）"
        var gaps: [StageGap] = []
        let active = year.activeRegistrations
        if published >= .review && active.isEmpty {
            gaps.append(StageGap(stage: .review, file: "\(folder)/registrations.csv",
                                 message: "\(name)，但本年度没有有效的报名：请先在 \(folder)/registrations.csv（或 .xlsx）中登记报名并导入"))
        }
        guard published >= .shortlist, !active.isEmpty else { return gaps }

        let recorded = Set(year.awards.map(\.registrationId))
        let material = "\(folder)/scores/material.csv"
        if standing.shortlist.isEmpty {
            gaps.append(StageGap(stage: .shortlist, file: material, message: "\(name)，但还没有入围名单：缺少资料评审评分 \(material)"
                + "（或 scores/material/ 文件夹中的评分表），\(folder)/awards.csv 中也没有记录入围（「入围」列填 是）"))
        } else if year.sheets.contains(where: { $0.sheet.round == .material }) {
            let unscored = active.map(\.id).filter { standing.standing($0)?.materialScore == nil && !recorded.contains($0) }
            if !unscored.isEmpty {
                gaps.append(StageGap(stage: .shortlist, file: material, message: "\(name)，但有 \(unscored.count) 项有效报名没有有效的资料评审评分，"
                    + "无法确定是否入围：\(unscored.joined(separator: "、"))；请把评分表补进 \(folder)/scores/material/"
                    + "（评委回避或超出范围的评分表不计入），或在 \(folder)/awards.csv 中记录其是否入围；已撤回或取消资格的成果请在报名表「状态」列注明",
                    ids: unscored))
            }
        }
        guard published >= .results else { return gaps }

        let onsite = "\(folder)/scores/onsite.csv"
        if standing.prizes.isEmpty {
            gaps.append(StageGap(stage: .results, file: onsite, message: "\(name)，但还没有获奖结果：缺少现场发表评分 \(onsite)"
                + "（或 scores/onsite/ 文件夹中的评分表），\(folder)/awards.csv 中也没有记录奖项"))
        } else if year.sheets.contains(where: { $0.sheet.round == .onsite }) {
            let unscored = standing.shortlist.filter { standing.standing($0)?.onsiteScore == nil && !recorded.contains($0) }
            if !unscored.isEmpty {
                gaps.append(StageGap(stage: .results, file: onsite, message: "\(name)，但有 \(unscored.count) 项入围成果没有有效的现场发表评分："
                    + "\(unscored.joined(separator: "、"))；请把评分表补进 \(folder)/scores/onsite/，或在 \(folder)/awards.csv 中记录其奖项",
                    ids: unscored))
            }
        }
        if !year.applications.isEmpty && !year.applications.contains(where: \.isDecided) {
            let file = "\(folder)/excellent-enterprises.csv"
            gaps.append(StageGap(stage: .results, file: file, message: "\(name)，但本年度 \(year.applications.count) 份优秀企业申报的「评选结果」都还空着："
                + "请在 \(file)（或 .xlsx）的「评选结果」列为入选的申报填 优秀企业、未入选的填 未入选"))
        }
        return gaps
    }
}

extension StageGap {
    /// The gap as its synthesized `Encodable` conformance encodes it (`ids` only when set).
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = ["stage": .string(stage.rawValue), "file": .string(file), "message": .string(message)]
        if let ids { members["ids"] = .array(ids.map(JSONValue.string)) }
        return .object(members)
    }
}
