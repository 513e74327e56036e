import Foundation

/// The reference's checkpoint: `{"completed": [file ids], "updated": iso}`,
/// rewritten after every completed file. Written to a temporary file and
/// renamed, so a crash never leaves it half-written.
public struct Checkpoint: Sendable {
    public let path: String
    public private(set) var completed: Set<Int>

    public init(path: String, completed: Set<Int> = []) {
        self.path = path
        self.completed = completed
    }

    /// Reads the checkpoint; a missing file is an empty one, a corrupt file an error.
    public static func load(path: String) throws -> Checkpoint {
        guard FileManager.default.fileExists(atPath: path) else { return Checkpoint(path: path) }
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let ids = object["completed"] as? [Any]
        else { throw HostError("checkpoint \(path) is not valid JSON with a \"completed\" list; remove it or run without --resume") }
        var completed = Set<Int>()
        for id in ids {
            guard let number = id as? NSNumber, let value = Int(exactly: number.doubleValue), value >= 0 else {
                throw HostError("checkpoint \(path) lists a bad file id: \(id)")
            }
            completed.insert(value)
        }
        return Checkpoint(path: path, completed: completed)
    }

    public mutating func markCompleted(_ index: Int) throws {
        completed.insert(index)
        try save()
    }

    public func save() throws {
        let updated = ISO8601DateFormatter().string(from: Date())
        let body = "{\"completed\": [\(completed.sorted().map(String.init).joined(separator: ", "))], \"updated\": \"\(updated)\"}\n"
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(body.utf8)) else {
            throw HostError("cannot write checkpoint \(temporary)")
        }
        guard rename(temporary, path) == 0 else {
            throw HostError("cannot replace checkpoint \(path): \(String(cString: strerror(errno)))")
        }
    }
}
