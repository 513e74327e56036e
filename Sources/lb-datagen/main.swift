import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHost

// Bad input: one line on stderr, exit 2, before anything is loaded or
// written. Failures of the run itself: one line, exit 1.
SignalWatcher.quitQuietly()
SignalWatcher.start()
let arguments = Array(CommandLine.arguments.dropFirst())
if let repeated = RepeatedOption.first(in: arguments) {
    Console.error("error: \(repeated) is given more than once")
    exit(2)
}
var command: ParsableCommand
do {
    command = try LBDatagen.parseAsRoot(arguments)
} catch {
    if LBDatagen.exitCode(for: error) == .success {
        LBDatagen.exit(withError: error)  // --help, --version
    }
    let message = LBDatagen.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
    Console.error("error: \(message)")
    exit(2)
}
do {
    try command.run()
} catch let error as UsageError {
    Console.error("error: \(error)")
    exit(2)
} catch let error where LBDatagen.exitCode(for: error) == .success {
    LBDatagen.exit(withError: error)  // help asked for with --help beside the default command, or `help`
} catch {
    Console.error("error: \(error)")
    exit(1)
}
