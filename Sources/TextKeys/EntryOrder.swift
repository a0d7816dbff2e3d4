import Foundation

/// The order of 编号 as people read them: digits compare as numbers (`2024-9` before `2024-10`).
/// One order for lists, search and the title check.
public enum EntryOrder {
    public static func precedes(_ a: String, _ b: String) -> Bool {
        switch a.compare(b, options: .numeric) {
        case .orderedAscending: true
        case .orderedDescending: false
        case .orderedSame: a < b
        }
    }
}
