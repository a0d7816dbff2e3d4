import Foundation

/// The result of `qcsite check` for one year, in the contract's JSON and as text for staff.
public struct CheckReport: Sendable, Encodable {
    public var year: Int
    public var findings: [Finding]

    public init(year: Int, findings: [Finding]) {
        self.year = year
        self.findings = findings
    }

    public var errors: Int { findings.filter { $0.severity == .error }.count }
    public var warnings: Int { findings.count - errors }

    /// The contract's exit status: 1 with any error-level finding.
    public var exitStatus: Int32 { errors > 0 ? 1 : 0 }

    /// `{"year": 2024, "findings": [...]}`, keys sorted so the output is byte-stable.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// Findings grouped by rule with counts, rules with errors first, then a summary line.
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
        for group in groups {
            let e = group.findings.filter { $0.severity == .error }.count
            let counts = [e > 0 ? "\(e) 个错误" : nil, group.findings.count > e ? "\(group.findings.count - e) 个警告" : nil]
            lines.append("[\(group.rule.rawValue)] \(counts.compactMap { $0 }.joined(separator: "，"))")
            for finding in group.findings {
                lines.append("  \(finding.severity == .error ? "错误" : "警告")  \(finding.subject)  \(finding.message)")
            }
            lines.append("")
        }
        lines.append(findings.isEmpty ? "\(year)年：未发现问题。"
            : "\(year)年：\(errors) 个错误，\(warnings) 个警告，共 \(findings.count) 条。")
        return lines.joined(separator: "\n")
    }
}
