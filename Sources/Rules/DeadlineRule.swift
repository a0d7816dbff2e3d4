
/// `deadline`: registered after the registration stage's end is an error; no date on the form is
/// a warning, since staff may know it arrived in time.
struct DeadlineRule: Rule {
    let id = RuleID.deadline

    func findings(_ context: RuleContext) -> [Finding] {
        guard let until = context.year.stages.first(where: { $0.stage == .registration })?.endsOn else { return [] }
        return context.activeRegistrations.compactMap { r in
            guard let on = r.registeredOn else {
                return Finding(self, .warning, subject: r.id,
                               message: "《\(r.title)》没有报名日期，无法确认是否在截止日期 \(until) 前报名",
                               evidence: ["registered_on": .null, "until": .string(until)])
            }
            // ISO dates compare as text.
            guard on > until else { return nil }
            return Finding(self, .error, subject: r.id,
                           message: "《\(r.title)》报名日期 \(on) 晚于报名截止日期 \(until)",
                           evidence: ["registered_on": .string(on), "until": .string(until)])
        }
    }
}
