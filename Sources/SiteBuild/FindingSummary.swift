import Rules

/// The one line a build prints about the rules: counts for the whole archive, by year;
/// `qcsite check` lists the findings of a year.
enum FindingSummary {
    static func line(_ findings: [Int: [Finding]]) -> String {
        let all = findings.values.flatMap { $0 }
        guard !all.isEmpty else { return "规则检查：未发现问题" }
        let errors = all.filter { $0.severity == .error }.count
        let handled = all.filter { $0.handled != nil }.count
        let perYear = findings.keys.sorted().compactMap { y -> String? in
            let list = findings[y]!
            let e = list.filter { $0.severity == .error }.count
            let h = list.filter { $0.handled != nil }.count
            return list.isEmpty ? nil : "\(y)年 \(e) 错 \(list.count - e) 警" + (h > 0 ? "（已处理 \(h)）" : "")
        }
        return "规则检查：\(errors) 个错误，\(all.count - errors) 个警告" + (handled > 0 ? "，其中 \(handled) 个已处理" : "")
            + "（\(perYear.joined(separator: "，"))；qcsite check --year 年度 查看详情）"
    }
}
