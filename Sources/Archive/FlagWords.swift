
/// The words staff write for yes and no in YAML and tables (`draft: on`, `publish_scores: 是`):
/// one list for the readers and for the migration that decoded flags archived as text.
public enum FlagWords {
    public static let yes: Set<String> = ["true", "yes", "on", "是"]
    public static let no: Set<String> = ["false", "no", "off", "否"]

    /// The flag a word stands for (case folded), nil when it is neither.
    public static func value(_ word: String) -> Bool? {
        let folded = word.lowercased()
        return yes.contains(folded) ? true : no.contains(folded) ? false : nil
    }

    /// `('on', 'true', …)`, for SQL.
    static var sqlYesList: String {
        "(" + yes.sorted().map { "'\($0)'" }.joined(separator: ", ") + ")"
    }
}
