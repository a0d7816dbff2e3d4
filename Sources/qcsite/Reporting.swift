import ArgumentParser
import Foundation
import SiteBuild
import Diagnostics

/// Prints progress and errors to stderr; stdout carries machine output alone.
func progress(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Runs a command's work and maps its failures to the exit statuses every command shares:
/// input errors are listed with status 2; any other failure — another command holding the
/// site's lock, a full disk, a damaged archive, I/O — is printed with its step, status 3.
/// A command that writes (`interruptible`) removes what it was writing on Ctrl-C or SIGTERM.
/// `unchanged` is what the user should know was left as it was (the archive, the site).
func reporting(_ step: String, archive: String, unchanged: String? = nil, interruptible: Bool = false,
               _ body: () throws -> Void) throws {
    if interruptible { Interruption.handleSignals(report: progress) }
    let note = unchanged.map { "；\($0)" } ?? ""
    do {
        try body()
        Interruption.settle()
    } catch let errors as InputErrors {
        progress(errors.description + note)
        throw ExitCode(2)
    } catch let error as InputError {
        progress(InputErrors([error]).description + note)
        throw ExitCode(2)
    } catch let exit as ExitCode {
        throw exit
    } catch {
        Interruption.settle()  // a failure caused by an interruption's clean-up is not reported
        let failure = error as? StepError ?? StepError(step: step, underlying: error, archivePath: archive)
        progress(failure.description + note)
        throw ExitCode(3)
    }
}
