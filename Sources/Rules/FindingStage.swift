import Archive

extension Finding {
    /// The first stage whose publication the finding bears on. An entry's form (resubmission,
    /// presenters, deadline …) and the material scores decide the shortlist; on-site scores,
    /// prizes and the excellent-enterprise applications decide the results. Before that stage is
    /// published nothing the finding concerns is public, so it cannot stop a build.
    public var stage: Stage {
        switch rule {
        case .resubmission, .maxPerEnterprise, .presenters, .type, .deadline, .materials:
            return .shortlist
        case .judgeConflict, .scoreRange, .shortlistTie:
            return evidence["round"] == .string(ScoreRound.onsite.rawValue) ? .results : .shortlist
        case .awardQuota, .excellentWindow, .excellentPublication, .memberUnitQuota, .profileLength, .claimUnverified,
             .decisionUnmatched:
            return .results
        }
    }

    /// Whether the finding stops publishing a year at `published`: an error staff have not
    /// handled, about something that stage makes public.
    public func blocks(at published: Stage) -> Bool {
        severity == .error && handled == nil && published >= stage
    }
}
