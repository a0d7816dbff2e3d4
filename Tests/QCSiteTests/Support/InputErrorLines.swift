import Testing
@testable import Archive
@testable import Content
@testable import Diagnostics
@testable import Disclosure
@testable import Forms
@testable import Preview
@testable import Publishing
@testable import Rules
@testable import SafePaths
@testable import SiteBuild
@testable import SiteSettings
@testable import TextKeys

/// The `path:line: message` lines of the input errors `body` throws; a test issue when it throws none.
func inputErrorLines(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    do {
        try body()
        Issue.record("expected input errors", sourceLocation: sourceLocation)
    } catch let errors as InputErrors {
        return errors.errors.map(\.description)
    } catch let error as InputError {
        return [error.description]
    } catch {
        Issue.record("expected input errors, got \(error)", sourceLocation: sourceLocation)
    }
    return []
}
