import Foundation
import Content
import Diagnostics

/// The day a command takes as today, where it speaks of one (the warning about a stage whose
/// dates have passed, the date of a drafted notice): the system clock unless
/// `QCSITE_TODAY=YYYY-MM-DD` says otherwise, so a test or a rehearsal can choose the day.
enum Today {
    static let variable = "QCSITE_TODAY"

    /// The day `QCSITE_TODAY` gives, nil when it is not set.
    static func fixed() throws -> String? {
        guard let text = ProcessInfo.processInfo.environment[variable] else { return nil }
        guard let date = DateText.iso(text) else {
            throw InputError(path: variable, line: 0, "环境变量 \(variable)=\(text) 不是日期；请写成 YYYY-MM-DD，或删去它以使用系统日期")
        }
        return date
    }
}
