import Archive
import Publishing
import Parallelism

/// The key of everything the rule check reads: qcsite itself, the registry, and every year's
/// records but its achievement write-ups (`YearRecords.checkedRecords`; no rule reads them, and an
/// excellent enterprise's profile is part of its application). A build whose key is the one the
/// last build recorded, with that build's check passed, takes its summary instead of checking
/// again: a write-up corrected, a notice published or a template changed leaves the findings
/// as they were.
struct RuleInputs {
    let key: String
    /// Each year's part of the key, by year, for the build record (`BuildRecord.YearSource.rules`).
    let years: [Int: String]

    /// `known`: the years' keys the last build recorded, each with the fingerprint the archive held
    /// the year at. A year the archive still holds at that fingerprint is taken at that key
    /// without its records keyed again: the import writes a year's records from its files alone,
    /// and leaves them as they are while the files' fingerprint is.
    init(_ snapshot: ArchiveSnapshot, known: [Int: BuildRecord.YearSource]) throws {
        let keys = try Parallel.map(snapshot.years) { year -> String in
            if let recorded = known[year.year], let rules = recorded.rules,
               recorded.fingerprint == year.competition.sourceFingerprint { return rules }
            var key = InputKey()
            try KeyEncoder.add(year.checkedRecords, to: &key)
            return key.value
        }
        var key = InputKey()
        key.add("qcsite-rules-1")
        key.add(BuildInputs.executableStamp())
        try KeyEncoder.add(snapshot.registry, to: &key)
        for (year, part) in zip(snapshot.years, keys) {
            key.add(Int64(year.year))
            key.add(part)
        }
        self.key = key.value
        years = Dictionary(uniqueKeysWithValues: zip(snapshot.years.map(\.year), keys))
    }
}
