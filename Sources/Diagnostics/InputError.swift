import Foundation

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

    /// A file or folder the system refused (`code` an errno), with what to do about it.
    package static func unreadable(_ path: String, _ code: Int32) -> InputError {
        let reason = String(cString: strerror(code))
        let hint = code == EACCES || code == EPERM
            ? "；请检查权限，让运行 qcsite 的用户能读取它（如 chmod -R u+rX）"
            : code == ELOOP ? "；符号链接形成循环，请删除它" : ""
        return InputError(path: path, line: 0, "无法读取 (cannot read: \(reason))" + hint)
    }

    public var description: String {
        line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)"
    }
}

/// Every input error of a run, reported together: the first `InputLimits.listedErrors` are
/// listed, the rest counted, so a file with a hundred thousand bad rows still prints a page.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]
    /// Errors found beyond those listed.
    public var unlisted: Int

    public init(_ errors: [InputError], unlisted: Int = 0) {
        let listed = InputLimits.listedErrors
        self.errors = Array(errors.prefix(listed))
        self.unlisted = unlisted + max(0, errors.count - listed)
    }

    public var count: Int { errors.count + unlisted }

    public var description: String {
        var lines = errors.map(\.description)
        if unlisted > 0 { lines.append("另有 \(unlisted) 处错误未列出 (\(unlisted) more not listed)；请先改正以上错误后再运行") }
        return lines.joined(separator: "\n") + "\n共 \(count) 处输入错误 (\(count) input error\(count == 1 ? "" : "s"))"
    }
}

/// Collects input errors while reading goes on, so one run lists them all (the first
/// `InputLimits.listedErrors` of them, and the count of the rest).
package struct ErrorLog {
    package private(set) var errors: [InputError] = []
    package private(set) var unlisted = 0

    package init() {}

    package mutating func add(_ path: String, _ line: Int, _ message: @autoclosure () -> String) {
        if isFull { unlisted += 1 } else { errors.append(InputError(path: path, line: line, message())) }
    }

    package mutating func add(_ error: InputError) {
        add(error.path, error.line, error.message)
    }

    package mutating func add(contentsOf other: [InputError]) {
        for error in other { add(error) }
    }

    package mutating func add(_ other: InputErrors) {
        add(contentsOf: other.errors)
        unlisted += other.unlisted
    }

    /// Logs every problem of one table row; true when it had none and can be read.
    package mutating func rowIsClean(_ path: String, _ line: Int, _ problems: [String]) -> Bool {
        for problem in problems { add(path, line, problem) }
        return problems.isEmpty
    }

    /// Runs `body`, logging its input errors instead of stopping; nil when it failed.
    package mutating func attempt<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let error as InputError {
            add(error)
        } catch let errors as InputErrors {
            add(errors)
        } catch {
            add("", 0, "\(error)")
        }
        return nil
    }

    package var isEmpty: Bool { errors.isEmpty && unlisted == 0 }

    /// True once no more errors are listed: callers may skip composing costly messages.
    package var isFull: Bool { errors.count >= InputLimits.listedErrors }

    package var count: Int { errors.count + unlisted }

    /// Everything logged, to throw.
    package var thrown: InputErrors { InputErrors(errors, unlisted: unlisted) }

    /// Throws what was logged: a lone error as itself, several together.
    package func throwIfAny() throws {
        if errors.count == 1 && unlisted == 0 { throw errors[0] }
        if !isEmpty { throw thrown }
    }
}
