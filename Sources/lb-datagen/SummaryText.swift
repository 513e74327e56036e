import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHost

/// The closing summary: lines for people, JSON for machines.
enum SummaryText {
    static func lines(_ s: RunSummary) -> String {
        let mib = Double(s.bytesWritten) / 1_048_576
        let wall = max(s.elapsedSeconds, 1e-9)
        let cpu = max(s.cpuSeconds, 1e-9)
        var text = """
            === lb-datagen summary ===
            domain: \(s.domain) \(s.domainVersion), seed \(s.seed), node \(s.nodeID) of \(s.totalNodes), \(s.workers) worker(s)
            output: \(s.location)
            files: \(s.filesWritten) new, \(s.filesAlreadyDone) already done, \(s.nodeFiles) on this node, \(s.plannedFiles) planned in all
            rows: \(s.rowsWritten) (\(s.rowsPerFile) per file, \(s.rowsPerRowGroup) per row group)
            bytes: \(s.bytesWritten) (\(String(printf: "%.1f", mib)) MiB)
            errors: \(s.errors.count)
            time: \(String(printf: "%.2f", s.elapsedSeconds)) s wall, \(String(printf: "%.2f", s.cpuSeconds)) s CPU (fill \(String(printf: "%.2f", s.fillSeconds)) s, encode \(String(printf: "%.2f", s.encodeSeconds)) s, compress \(String(printf: "%.2f", s.compressSeconds)) s, write \(String(printf: "%.2f", s.writeSeconds)) s)
            speed: \(Int(Double(s.rowsWritten) / wall)) rows/s, \(String(printf: "%.1f", mib / wall)) MiB/s wall; \(Int(Double(s.rowsWritten) / cpu)) rows per CPU-second
            """
        for error in s.errors { text += "\nerror: \(error)" }
        return text
    }

    /// The one line of a run stopped by a signal.
    static func interrupted(_ s: RunSummary, by reason: StopReason, plan: RunPlan) -> String {
        let planned = s.filesWritten - s.filesPastPlan + s.filesAlreadyDone
        let left = plan.nodeFileCount - planned
        return "stopped by \(reason): \(planned) of this node's \(plan.nodeFileCount) planned file(s) are complete"
            + " and checkpointed, the file in flight was abandoned; "
            + (left > 0 ? "run again with the same arguments and --resume to make the other \(left)"
                        : "every planned file is done")
    }

    /// Fails before any data is made if the summary could not be written.
    static func checkWritable(_ path: String) throws {
        guard path != "-" else { return }
        guard !path.isEmpty else { throw UsageError("--summary-json takes a file name, or - for stdout") }
        var status = stat()
        let existing = stat(path, &status) == 0
        if existing, status.st_mode & S_IFMT == S_IFDIR {
            throw UsageError("--summary-json \(path) is a folder")
        }
        if path.hasSuffix("/") {  // open(2) refuses it even where no folder exists yet
            throw UsageError("--summary-json \(path) names a folder, not a file")
        }
        let directory = parentFolder(of: path)
        let target = existing ? path : (directory.isEmpty ? "." : directory)
        var problem = access(target, W_OK) == 0 ? 0 : errno
        if problem == 0, !existing, stat(target, &status) == 0, status.st_mode & S_IFMT != S_IFDIR { problem = ENOTDIR }
        guard problem == 0 else {
            throw UsageError("--summary-json \(path) cannot be written: \(String(cString: strerror(problem)))")
        }
    }

    static func writeJSON(_ summary: RunSummary, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let text = String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n"
        let descriptor = path == "-" ? STDOUT_FILENO : open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        var failure = descriptor < 0 ? errno : Console.write(text, to: descriptor)
        if descriptor >= 0, descriptor != STDOUT_FILENO, close(descriptor) != 0, failure == 0 { failure = errno }
        guard failure == 0 else {
            throw HostError("cannot write the summary to \(path == "-" ? "stdout" : path): \(String(cString: strerror(failure)))")
        }
    }

    /// The folder part of a path ("" for a bare name), as `dirname` without the ".".
    private static func parentFolder(of path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
