/// A problem in the content files, located at `path:line` so staff can open the file and fix it.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Path as the user gave it, relative to the content folder's parent where possible.
    public var path: String
    /// 1-based line (CSV, YAML, Markdown) or row (XLSX); 0 where the whole file is at fault.
    public var line: Int
    public var message: String

    public init(path: String, line: Int, _ message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)"
    }
}

/// Every input error of a run, reported together.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]

    public init(_ errors: [InputError]) {
        self.errors = errors
    }

    public var description: String {
        let lines = errors.map(\.description)
        return lines.joined(separator: "\n") + "\n共 \(errors.count) 处输入错误 (\(errors.count) input error\(errors.count == 1 ? "" : "s"))"
    }
}

/// Collects input errors while reading goes on, so one run lists them all.
struct ErrorLog {
    private(set) var errors: [InputError] = []

    mutating func add(_ path: String, _ line: Int, _ message: String) {
        errors.append(InputError(path: path, line: line, message))
    }

    mutating func add(_ error: InputError) {
        errors.append(error)
    }

    mutating func add(contentsOf other: [InputError]) {
        errors.append(contentsOf: other)
    }

    /// Logs every problem of one table row; true when it had none and can be read.
    mutating func rowIsClean(_ path: String, _ line: Int, _ problems: [String]) -> Bool {
        for problem in problems { add(path, line, problem) }
        return problems.isEmpty
    }

    /// Runs `body`, logging its input errors instead of stopping; nil when it failed.
    mutating func attempt<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let error as InputError {
            add(error)
        } catch let errors as InputErrors {
            add(contentsOf: errors.errors)
        } catch {
            add("", 0, "\(error)")
        }
        return nil
    }

    var isEmpty: Bool { errors.isEmpty }
}
