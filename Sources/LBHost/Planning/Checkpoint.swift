import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBSync

/// The reference's checkpoint: `{"completed": [file ids], "updated": iso}`.
/// It also names the run it belongs to (`"run"`: output, prefix, domain,
/// seed, rows per file), so that resuming against another run's checkpoint
/// is an error rather than skipped files; the reference reads only
/// `completed`.
///
/// Safety: it only ever replaces a regular file that already is a
/// checkpoint (ours or the reference's), never another file or a device;
/// each save goes to a temporary file of its own and is renamed, so a crash
/// never leaves it half-written.
///
/// Cost: a save rewrites the whole list, so completed files are saved at
/// most once per `saveInterval` and on `flush()`; a file completed but not
/// yet saved is found again by resume's check of the objects themselves.
///
/// With no path (output that keeps no files) it only counts, in memory.
public struct Checkpoint: Sendable {
    public let path: String?
    public let run: [String: String]
    public private(set) var completed: Set<Int>
    /// Seconds between saves while files complete.
    public var saveInterval: Double = 1
    /// Saves made so far (the file was written this many times).
    public private(set) var saves = 0
    private var unsaved = false
    private var lastSave: UInt64 = 0

    public init(path: String?, run: [String: String], completed: Set<Int> = []) {
        self.path = path
        self.run = run
        self.completed = completed
    }

    /// Reads the checkpoint for `run`; a missing file is an empty one, a
    /// corrupt file or another run's an error.
    public static func load(path: String, run: [String: String]) throws -> Checkpoint {
        guard let contents = try existing(path) else { return Checkpoint(path: path, run: run) }
        if let recorded = contents.run, recorded != run {
            let differing = run.keys.sorted().filter { recorded[$0] != run[$0] }.joined(separator: ", ")
            throw HostError("checkpoint \(path) belongs to another run (\(differing) differ); remove it or pass --checkpoint")
        }
        var completed = Set<Int>()
        for id in contents.completed {
            guard case .number(let value) = id, value >= 0 else {
                throw HostError("checkpoint \(path) lists a bad file id: \(id)")
            }
            completed.insert(value)
        }
        return Checkpoint(path: path, run: run, completed: completed)
    }

    /// The checkpoint at `path`, parsed; nil when nothing is there. Throws
    /// when something is there that is not a checkpoint, so it is never replaced.
    static func existing(_ path: String) throws -> Contents? {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT { return nil }
            throw HostError("cannot read checkpoint \(path): \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw HostError("checkpoint \(path) is not a regular file; choose another --checkpoint")
        }
        guard let data = FileManager.default.contents(atPath: path),
              let contents = try? JSONDecoder().decode(Contents.self, from: data)
        else {
            throw HostError("\(path) is not a checkpoint (JSON with a \"completed\" list); remove it or choose another --checkpoint")
        }
        return contents
    }

    /// What a checkpoint file says: any JSON object with a `completed` list
    /// is one (the reference's has no `run`; a `run` that is not a map of
    /// strings is not ours, and is ignored as the reference ignores it).
    struct Contents: Decodable {
        let completed: [FileID]
        let run: [String: String]?

        enum CodingKeys: String, CodingKey { case completed, run }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            completed = try container.decode([FileID].self, forKey: .completed)
            run = try? container.decodeIfPresent([String: String].self, forKey: .run)
        }
    }

    /// An entry of `completed`: a whole number, or what stood there instead.
    enum FileID: Decodable, CustomStringConvertible {
        case number(Int)
        case other(String)

        init(from decoder: Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let whole = try? value.decode(Int.self) {
                self = .number(whole)
            } else if let number = try? value.decode(Double.self) {
                self = Int(exactly: number).map(FileID.number) ?? .other("\(number)")
            } else if let text = try? value.decode(String.self) {
                self = .other(jsonString(text))
            } else {
                self = .other(value.decodeNil() ? "null" : "a value that is not a number")
            }
        }

        var description: String {
            switch self {
            case .number(let value): String(value)
            case .other(let text): text
            }
        }
    }

    /// Records a completed file; saved now if the last save is older than
    /// `saveInterval`, else at a later completion or `flush()`.
    public mutating func markCompleted(_ index: Int) throws {
        completed.insert(index)
        unsaved = true
        if Clock.nanoseconds() &- lastSave >= UInt64(saveInterval * 1e9) { try flush() }
    }

    /// Saves what is not saved yet.
    public mutating func flush() throws {
        guard unsaved else { return }
        try save()
    }

    /// Writes the checkpoint now: refused (before anything is replaced)
    /// when the path holds something that is not a checkpoint.
    public mutating func save() throws {
        unsaved = false
        lastSave = Clock.nanoseconds()
        guard let path else { return }
        _ = try Self.existing(path)
        let updated = Date.ISO8601FormatStyle().format(Date())
        let runFields = run.keys.sorted().map { "\(jsonString($0)): \(jsonString(run[$0]!))" }.joined(separator: ", ")
        let body = "{\"completed\": [\(completed.sorted().map(String.init).joined(separator: ", "))], "
            + "\"updated\": \"\(updated)\", \"run\": {\(runFields)}}\n"
        try Self.replace(path, with: Data(body.utf8))
        saves += 1
    }

    /// Writes a temporary beside `path` (its own name, O_EXCL: never someone
    /// else's file) and renames it over `path`.
    static func replace(_ path: String, with data: Data) throws {
        var temporary = ""
        var descriptor: Int32 = -1
        while descriptor < 0 {
            temporary = path + ".tmp-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor < 0 && errno != EEXIST {
                throw HostError("cannot write checkpoint \(temporary): \(String(cString: strerror(errno))); set --checkpoint to a writable path")
            }
        }
        let written = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let failure = written != data.count ? errno : 0
        close(descriptor)
        guard failure == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(failure != 0 ? failure : errno))
            unlink(temporary)
            throw HostError("cannot write checkpoint \(path): \(reason); set --checkpoint to a writable path")
        }
    }
}
