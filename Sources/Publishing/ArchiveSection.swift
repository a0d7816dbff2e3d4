import Foundation
import Disclosure

/// `/archive/`: every visible achievement across years in one static table, with filters by
/// year, type and award that work without JavaScript: each filter is a group of radio buttons,
/// and a stylesheet generated beside the page (`archive/filter.css`) hides the rows the chosen
/// options exclude, and shows that no row is left where a combination has none. The number
/// shown is counted by the stylesheet (a CSS counter over the rows left), and the page's script
/// keeps the choice in the address (`#year=2024&type=创新型`), so a filtered view can be shared.
struct ArchiveSection: SiteSection {
    var keyedByOutline: Bool { true }

    struct ArchiveModel: Encodable {
        var filters: [Filter]
        var rows: [Row]
        var count: Int
        var filterStylesheet: String
        var script: String
    }

    struct Filter: Encodable {
        var name: String
        var legend: String
        var options: [Option]
    }

    struct Option: Encodable {
        var id: String
        /// The class the option keeps rows by (`y-2024`: `2024`); nil for 全部.
        var key: String?
        /// The option in the address (`year=2024`); empty for 全部.
        var value: String
        var label: String
        var checked: Bool
    }

    struct Row: Encodable {
        var entry: EntryRow
        var classes: String
        var outcome: String
    }

    static let stylesheet = "archive/filter.css"
    static let script = "assets/archive.js"

    func render(into files: inout OutputFiles, _ context: RenderContext) throws {
        var rows: [Row] = []
        var keys: [[String]] = []  // each row's option key in the year, type and award filters
        var years: [Int] = []
        var types: [String] = []
        var awards: [String] = []
        var pending = false
        for year in context.record.years.reversed() where year.showsShortlist {
            let visible = year.entries
            if visible.isEmpty { continue }
            years.append(year.year)
            let names = year.rules.awardNames
            let ordered = visible.sorted { a, b in
                let x = a.award.flatMap { names.firstIndex(of: $0) } ?? names.count
                let y = b.award.flatMap { names.firstIndex(of: $0) } ?? names.count
                return x != y ? x < y : a.id.compare(b.id, options: .numeric) == .orderedAscending
            }
            for registration in ordered {
                let entry = context.entryRow(year, registration)
                if !types.contains(entry.type) { types.append(entry.type) }
                let awardKey: String
                if !year.showsResults {
                    awardKey = "pending"
                    pending = true
                } else if let award = entry.award {
                    if !awards.contains(award) { awards.append(award) }
                    awardKey = "a\(awards.firstIndex(of: award)!)"
                } else {
                    awardKey = "none"
                }
                let outcome = registration.outcome.words
                let rowKeys = ["\(year.year)", "\(types.firstIndex(of: entry.type)!)", awardKey]
                keys.append(rowKeys)
                rows.append(Row(entry: entry, classes: "y-\(rowKeys[0]) t-\(rowKeys[1]) a-\(rowKeys[2])", outcome: outcome))
            }
        }
        // Awards in the order of the rules of the newest year that has them.
        let order = context.record.years.reversed().map { $0.rules.awardNames }.first ?? []
        let sortedAwards = awards.sorted { (order.firstIndex(of: $0) ?? .max, $0) < (order.firstIndex(of: $1) ?? .max, $1) }
        var awardOptions = sortedAwards.map { (key: "a\(awards.firstIndex(of: $0)!)", label: $0) }
        if keys.contains(where: { $0[2] == "none" }) { awardOptions.append(("none", "未获奖")) }
        if pending { awardOptions.append(("pending", "结果待公布")) }

        let filters = [
            Self.filter("year", "年度", years.map { ("\($0)", "\($0)年", "\($0)") }),
            Self.filter("type", "课题类型", types.enumerated().map { ("\($0.offset)", $0.element, $0.element) }),
            Self.filter("award", "奖项", awardOptions.map { ($0.key, $0.label, $0.label) }),
        ]
        try files.addKeyedData(Self.stylesheet, Data(Self.css(filters, rowKeys: keys).utf8))
        try files.addPage(SitePath.archive, context, "archive",
            context.pageModel(title: "往届成果", path: SitePath.archive, section: "archive",
                              description: "历届QC小组成果竞赛入围与获奖成果一览，可按年度、课题类型和奖项筛选。"),
            ArchiveModel(filters: filters, rows: rows, count: rows.count, filterStylesheet: context.urls.link(Self.stylesheet),
                         script: context.urls.link(Self.script)))
    }

    package static func filter(_ name: String, _ legend: String, _ values: [(key: String, label: String, value: String)]) -> Filter {
        Filter(name: name, legend: legend,
               options: [Option(id: "f-\(name)-all", key: nil, value: "", label: "全部", checked: true)]
                   + values.map { Option(id: "f-\(name)-\($0.key)", key: $0.key, value: $0.value, label: $0.label, checked: false) })
    }

    /// For each option, hide the rows it excludes; for each combination of options that leaves no
    /// row, show the page's "no match" line. (The chosen chip's look is in site.css.)
    static func css(_ filters: [Filter], rowKeys: [[String]]) -> String {
        var lines = ["/* Generated by qcsite from the archive's years, types and awards. */"]
        for filter in filters {
            for option in filter.options {
                guard let key = option.key else { continue }
                lines.append(".archive:has(#\(option.id):checked) .archive-list tbody tr:not(.\(filter.name.prefix(1))-\(key)) { display: none; }")
            }
        }
        // Rows are many, their distinct year-type-award keys few: combinations are checked against those.
        let present = Set(rowKeys)
        var combination: [Option] = []
        func visit(_ depth: Int) {
            guard depth == filters.count else {
                for option in filters[depth].options {
                    combination.append(option)
                    visit(depth + 1)
                    combination.removeLast()
                }
                return
            }
            let matches = present.contains { row in zip(row, combination).allSatisfy { $1.key == nil || $0 == $1.key } }
            guard !matches else { return }
            let chosen = combination.filter { $0.key != nil }.map { ":has(#\($0.id):checked)" }.joined()
            lines.append(".archive\(chosen) .archive-empty { display: block; }")
        }
        visit(0)
        return lines.joined(separator: "\n") + "\n"
    }
}
