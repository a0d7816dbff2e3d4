import Foundation
import Diagnostics

extension YearForms {
    /// Writes every form into `folder`. A file already there may be a filled-in form, so it is
    /// never replaced unless `force`: each one is reported and nothing is written. The forms are
    /// written beside their final names first and renamed only once all are complete.
    public func write(into folder: URL, displayPath: String, force: Bool) throws -> [WrittenForm] {
        let fm = FileManager.default
        var errors: [InputError] = []
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw InputError(path: displayPath, line: 0, "不是文件夹；请用 --into 指定一个文件夹")
        }
        var seen: [String: String] = [:]
        for form in forms {
            let shown = displayPath + "/" + form.fileName
            if let other = seen[form.fileName] {
                errors.append(InputError(path: shown, line: 0, "「\(form.title)」与「\(other)」的文件名相同；请在评委名单中区分评委姓名"))
            }
            seen[form.fileName] = form.title
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: folder.appendingPathComponent(form.fileName).path, isDirectory: &isDirectory),
               isDirectory.boolValue || !force {
                errors.append(InputError(path: shown, line: 0, isDirectory.boolValue
                    ? "已有同名文件夹；请移走它，或用 --into 指定另一个文件夹"
                    : "文件已存在，可能是已填写的表格；确需重新生成请加 --force，或用 --into 指定另一个文件夹"))
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw FormWriteError(path: displayPath, "无法创建文件夹：\(error.localizedDescription)")
        }
        var pending: [(temporary: URL, final: URL, shown: String)] = []
        defer { for file in pending { try? fm.removeItem(at: file.temporary) } }
        for form in forms {
            let shown = displayPath + "/" + form.fileName
            let temporary = folder.appendingPathComponent(".\(form.fileName).\(ProcessInfo.processInfo.processIdentifier).tmp")
            pending.append((temporary, folder.appendingPathComponent(form.fileName), shown))
            do {
                try FormWorkbookWriter.write(form, to: temporary.path, created: created)
            } catch let error as FormWriteError {
                throw FormWriteError(path: shown, error.message)
            }
        }
        for file in pending where rename(file.temporary.path, file.final.path) != 0 {
            throw FormWriteError(path: file.shown, "无法写入：\(String(cString: strerror(errno)))")
        }
        pending = []
        return forms.map { WrittenForm(path: displayPath + "/" + $0.fileName, importAs: $0.importAs, isPublic: $0.isPublic) }
    }
}
