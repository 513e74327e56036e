import Foundation

/// The reference's checkpoint: `{"completed": [file ids], "updated": iso}`,
/// rewritten after every completed file. Written to a temporary file and
/// renamed, so a crash never leaves it half-written. It also names the run
/// it belongs to (`"run"`: output, prefix, domain, seed, rows per file), so
/// that resuming against another run's checkpoint is an error rather than
/// skipped files; the reference reads only `completed`.
///
/// With no path (output that keeps no files) it only counts, in memory.
public struct Checkpoint: Sendable {
    public let path: String?
    public let run: [String: String]
    public private(set) var completed: Set<Int>

    public init(path: String?, run: [String: String], completed: Set<Int> = []) {
        self.path = path
        self.run = run
        self.completed = completed
    }

    /// Reads the checkpoint for `run`; a missing file is an empty one, a
    /// corrupt file or another run's an error.
    public static func load(path: String, run: [String: String]) throws -> Checkpoint {
        guard FileManager.default.fileExists(atPath: path) else { return Checkpoint(path: path, run: run) }
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let ids = object["completed"] as? [Any]
        else { throw HostError("checkpoint \(path) is not valid JSON with a \"completed\" list; remove it or run without --resume") }
        if let recorded = object["run"] as? [String: String], recorded != run {
            let differing = run.keys.sorted().filter { recorded[$0] != run[$0] }.joined(separator: ", ")
            throw HostError("checkpoint \(path) belongs to another run (\(differing) differ); remove it or pass --checkpoint")
        }
        var completed = Set<Int>()
        for id in ids {
            guard let number = id as? NSNumber, let value = Int(exactly: number.doubleValue), value >= 0 else {
                throw HostError("checkpoint \(path) lists a bad file id: \(id)")
            }
            completed.insert(value)
        }
        return Checkpoint(path: path, run: run, completed: completed)
    }

    public mutating func markCompleted(_ index: Int) throws {
        completed.insert(index)
        try save()
    }

    public func save() throws {
        guard let path else { return }
        let updated = ISO8601DateFormatter().string(from: Date())
        let runFields = run.keys.sorted().map { "\(jsonString($0)): \(jsonString(run[$0]!))" }.joined(separator: ", ")
        let body = "{\"completed\": [\(completed.sorted().map(String.init).joined(separator: ", "))], "
            + "\"updated\": \"\(updated)\", \"run\": {\(runFields)}}\n"
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(body.utf8)) else {
            throw HostError("cannot write checkpoint \(temporary)")
        }
        guard rename(temporary, path) == 0 else {
            throw HostError("cannot replace checkpoint \(path): \(String(cString: strerror(errno)))")
        }
    }
}
