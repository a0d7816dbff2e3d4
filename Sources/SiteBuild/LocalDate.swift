import Foundation

/// Today as `YYYY-MM-DD` from the system clock, in the machine's time zone: read only for what
/// speaks to staff of today (a warning, a draft's date), never for the site.
public enum LocalDate {
    public static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
