import Foundation
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
            bytes: \(s.bytesWritten) (\(String(format: "%.1f", mib)) MiB)
            errors: \(s.errors.count)
            time: \(String(format: "%.2f", s.elapsedSeconds)) s wall, \(String(format: "%.2f", s.cpuSeconds)) s CPU (fill \(String(format: "%.2f", s.fillSeconds)) s, encode \(String(format: "%.2f", s.encodeSeconds)) s, compress \(String(format: "%.2f", s.compressSeconds)) s, write \(String(format: "%.2f", s.writeSeconds)) s)
            speed: \(Int(Double(s.rowsWritten) / wall)) rows/s, \(String(format: "%.1f", mib / wall)) MiB/s wall; \(Int(Double(s.rowsWritten) / cpu)) rows per CPU-second
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
        let existing = FileManager.default.fileExists(atPath: path)
        let directory = (path as NSString).deletingLastPathComponent
        let target = existing ? path : (directory.isEmpty ? "." : directory)
        var isDirectory: ObjCBool = false
        if existing, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw UsageError("--summary-json \(path) is a folder")
        }
        guard access(target, W_OK) == 0 else {
            throw UsageError("--summary-json \(path) cannot be written: \(String(cString: strerror(errno)))")
        }
    }

    static func writeJSON(_ summary: RunSummary, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(summary) + Data("\n".utf8)
        do {
            if path == "-" {
                try FileHandle.standardOutput.write(contentsOf: data)
            } else {
                try data.write(to: URL(fileURLWithPath: path))
            }
        } catch {
            throw HostError("cannot write the summary to \(path == "-" ? "stdout" : path): \((error as NSError).localizedDescription)")
        }
    }
}
