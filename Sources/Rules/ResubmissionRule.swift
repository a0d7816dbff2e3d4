import Archive
import TextKeys

/// `resubmission`: an achievement registered in one of the `years_back` previous years may not
/// be registered again. Previous registrations count whatever their status (a withdrawn entry
/// was still 申报过); only the year's active entries are checked.
struct ResubmissionRule: Rule {
    let id = RuleID.resubmission

    func findings(_ context: RuleContext) -> [Finding] {
        let settings = context.rules.resubmission
        let earlier = context.snapshot.years.filter {
            $0.year < context.year.year && $0.year >= context.year.year - settings.yearsBack
        }
        guard !earlier.isEmpty else { return [] }

        // Equal titles are looked up whole; similar ones only within the same enterprise, so
        // each enterprise has its own bigram index of its earlier titles. Characters are coded
        // once for all of them.
        var codes = CharacterCodes()
        var previous: [Registration] = []
        var byKey: [String: [Int]] = [:]
        var indexes: [String: (index: BigramIndex, entries: [Int])] = [:]
        for year in earlier {
            for registration in year.registrations {
                let key = TextNormalization.titleKey(registration.title)
                guard !key.isEmpty else { continue }
                let position = previous.count
                previous.append(registration)
                byKey[key, default: []].append(position)
                indexes[registration.enterpriseId, default: (BigramIndex(), [])].index.add(codes: codes.assign(key))
                indexes[registration.enterpriseId]!.entries.append(position)
            }
        }

        var findings: [Finding] = []
        for registration in context.activeRegistrations {
            let key = TextNormalization.titleKey(registration.title)
            guard !key.isEmpty else { continue }
            var reported = Set<Int>()
            for position in byKey[key] ?? [] {
                reported.insert(position)
                findings.append(finding(registration, previous[position], similarity: 1, equal: true, context))
            }
            guard let own = indexes[registration.enterpriseId] else { continue }
            for match in own.index.matches(codes: codes.look(key), threshold: settings.similarity) {
                let position = own.entries[match.doc]
                guard reported.insert(position).inserted else { continue }
                findings.append(finding(registration, previous[position], similarity: match.similarity, equal: false, context))
            }
        }
        return findings
    }

    /// `equal` is whether the normalised titles are the same text: bigram multisets can agree
    /// (Dice 1) for different texts, which is a similar title, not the same one.
    private func finding(_ entry: Registration, _ earlier: Registration, similarity: Double, equal: Bool,
                                _ context: RuleContext) -> Finding {
        let sameEnterprise = entry.enterpriseId == earlier.enterpriseId
        let severity: Finding.Severity = sameEnterprise && equal ? .error : .warning
        let before = "\(earlier.year)年 \(earlier.id)《\(earlier.title)》（\(earlier.groupName)）"
        let message: String
        if sameEnterprise && equal {
            message = "与本单位\(before)课题名称相同，属上年度已申报过的成果，不得重复申报"
        } else if sameEnterprise {
            message = "与本单位\(before)课题名称相似（相似度 \(Int((similarity * 100).rounded()))%），请核实是否为同一成果"
        } else {
            message = "与\(context.name(earlier.enterpriseId))\(before)课题名称相同，请核实是否为同一成果"
        }
        return Finding(
            self, severity, subject: entry.id, message: message,
            evidence: [
                "year": .int(entry.year), "id": .string(entry.id), "title": .string(entry.title),
                "group": .string(entry.groupName), "enterprise": .string(entry.enterpriseId),
                "previous_year": .int(earlier.year), "previous_id": .string(earlier.id),
                "previous_title": .string(earlier.title), "previous_group": .string(earlier.groupName),
                "previous_enterprise": .string(earlier.enterpriseId), "previous_status": .string(earlier.status.rawValue),
                "similarity": .score(similarity), "threshold": .score(context.rules.resubmission.similarity),
            ])
    }
}
