import Foundation

/// The result of `qcsite check` for one year, in the contract's JSON and as text for staff.
public struct CheckReport: Sendable, Encodable {
    public var year: Int
    public var findings: [Finding]
    /// What the year's published stage lacks (`StageGap`); in the JSON only when there is some.
    public var missing: [StageGap]

    public init(year: Int, findings: [Finding], missing: [StageGap] = []) {
        self.year = year
        self.findings = findings
        self.missing = missing
    }

    enum CodingKeys: String, CodingKey { case year, findings, missing }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(year, forKey: .year)
        try container.encode(findings, forKey: .findings)
        if !missing.isEmpty { try container.encode(missing, forKey: .missing) }
    }

    public var errors: Int { findings.filter { $0.severity == .error }.count }
    public var warnings: Int { findings.count - errors }
    /// Error-level findings without a decision: the ones that still count.
    public var unhandledErrors: Int { findings.filter { $0.severity == .error && $0.handled == nil }.count }
    public var handled: Int { findings.filter { $0.handled != nil }.count }

    /// The contract's exit status: 1 with an error-level finding staff have not handled, or with
    /// data missing for the published stage.
    public var exitStatus: Int32 { unhandledErrors > 0 || !missing.isEmpty ? 1 : 0 }

    /// `{"year": 2024, "findings": [...]}`, keys sorted so the output is byte-stable.
    /// Written as `JSONValue.prettyText`, byte for byte what `JSONEncoder` makes of `encode(to:)`.
    public func json() -> String {
        var members: [String: JSONValue] = [CodingKeys.year.rawValue: .int(year),
                                            CodingKeys.findings.rawValue: .array(findings.map(\.jsonValue))]
        if !missing.isEmpty { members[CodingKeys.missing.rawValue] = .array(missing.map(\.jsonValue)) }
        return JSONValue.object(members).prettyText
    }

    /// Missing data first, then findings grouped by rule with counts, rules with errors first,
    /// each handled finding with its decision, then a summary line.
    public func text() -> String {
        var groups: [(rule: RuleID, findings: [Finding])] = []
        for finding in findings {
            if let index = groups.firstIndex(where: { $0.rule == finding.rule }) {
                groups[index].findings.append(finding)
            } else {
                groups.append((finding.rule, [finding]))
            }
        }
        var lines = ["\(year)年规则检查", ""]
        if !missing.isEmpty {
            lines.append("[缺少数据] 已设定公布的阶段还缺少数据，qcsite build 会停止")
            lines += missing.map { "  错误  \($0.message)" }
            lines.append("")
        }
        for group in groups {
            let e = group.findings.filter { $0.severity == .error }.count
            let h = group.findings.filter { $0.handled != nil }.count
            let counts = [e > 0 ? "\(e) 个错误" : nil, group.findings.count > e ? "\(group.findings.count - e) 个警告" : nil,
                          h > 0 ? "已处理 \(h) 个" : nil]
            lines.append("[\(group.rule.rawValue)] \(counts.compactMap { $0 }.joined(separator: "，"))")
            for finding in group.findings {
                let severity = finding.severity == .error ? "错误" : "警告"
                lines.append("  \(finding.handled == nil ? severity : severity + "（已处理）")  \(finding.subject)  \(finding.message)")
                if let handled = finding.handled {
                    lines.append("        处理意见（\(handled.date)）：\(handled.note)")
                }
            }
            lines.append("")
        }
        let handledNote = handled > 0 ? "，其中 \(handled) 条已处理" : ""
        let missingNote = missing.isEmpty ? "" : "；已公布的阶段缺少数据 \(missing.count) 处"
        lines.append(findings.isEmpty && missing.isEmpty ? "\(year)年：未发现问题。"
            : "\(year)年：\(errors) 个错误，\(warnings) 个警告，共 \(findings.count) 条\(handledNote)\(missingNote)。")
        return lines.joined(separator: "\n")
    }
}
