
/// `profile-length`: the application's profile (事迹简介) is at most `profile_max_chars` characters.
struct ProfileLengthRule: Rule {
    let id = RuleID.profileLength

    /// The profile's length in characters as Word's 字数 counts Chinese text: every character
    /// (a Chinese character, a letter, a punctuation mark) except spaces and line breaks.
    static func characters(_ profile: String) -> Int {
        profile.reduce(0) { $0 + ($1.isWhitespace ? 0 : 1) }
    }

    func findings(_ context: RuleContext) -> [Finding] {
        let limit = context.rules.profileMaxChars
        return context.year.applications.compactMap { application in
            let count = Self.characters(application.profile)
            guard count > limit else { return nil }
            return Finding(
                self, .error, subject: application.id,
                message: "\(context.name(application.enterpriseId))的事迹简介 \(count) 字，超过 \(limit) 字的限制（多 \(count - limit) 字）",
                evidence: ["characters": .int(count), "limit": .int(limit)])
        }
    }
}
