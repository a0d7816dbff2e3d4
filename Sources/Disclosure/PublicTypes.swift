import Archive
import Rules

// The archive's and the rules' value types the public may read as they are: a year's stages and
// their dates, its rules (the notice publishes them), the excellent-enterprise window. The
// publishing target names them through Disclosure; it cannot import the archive itself.
public typealias Stage = Archive.Stage
public typealias CompetitionStage = Archive.CompetitionStage
public typealias CompetitionRules = Archive.CompetitionRules
public typealias ExcellentWindow = Rules.ExcellentWindow
public typealias Outcome = Archive.Outcome
public typealias NoticeList = Archive.NoticeList
