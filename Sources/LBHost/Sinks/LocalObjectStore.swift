import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBParquet

/// A directory as an object store: a key is a relative path. An object is
/// written to a hidden temporary file beside its final name and renamed
/// when complete, so a final name only ever holds a whole file.
public final class LocalObjectStore: ObjectStore, @unchecked Sendable {
    public let root: String
    public var location: String { root }

    static let temporaryMarker = ".inprogress-"

    public init(root: String) {
        self.root = Self.path(of: root)
    }

    /// The folder a location names: a path, or a file:// URL.
    public static func path(of location: String) -> String {
        location.hasPrefix("file://") ? String(location.dropFirst("file://".count)) : location
    }

    /// Creates the folder and writes (then removes) a probe file in it, so
    /// that output which cannot hold files (/proc, a read-only mount) is one
    /// error up front rather than one per file.
    public func preflight() throws {
        try Self.makeDirectories(root)
        let probe = root + "/.lb-datagen-probe-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw HostError("output directory \(root) is not writable: \(String(cString: strerror(errno)))")
        }
        let written = Glibc.write(descriptor, "x", 1)
        let reason = written == 1 ? nil : String(cString: strerror(errno))
        close(descriptor)
        unlink(probe)
        if let reason { throw HostError("output directory \(root) is not writable: \(reason)") }
    }

    /// mkdir -p that names the folder that could not be made and why
    /// (permission, a file in the way), not a later "No such file".
    static func makeDirectories(_ path: String) throws {
        var made = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            made += (made.isEmpty || made.hasSuffix("/") ? "" : "/") + component
            guard mkdir(made, 0o755) != 0 else { continue }
            let failure = errno
            var status = stat()
            if failure == EEXIST, stat(made, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { continue }
            let reason = failure == EEXIST ? "a file is in the way" : String(cString: strerror(failure))
            throw HostError("cannot create directory \(made): \(reason)")
        }
    }

    public func create(key: String) throws -> ObjectUpload {
        let path = root + "/" + key
        let slash = path.lastIndex(of: "/")!  // root + "/" + key
        let directory = String(path[..<slash])
        try Self.makeDirectories(directory)
        let name = String(path[path.index(after: slash)...])
        // A random suffix and O_EXCL: two writers of one key (a retried pod
        // beside the one it replaces, both PID 1) never share a temporary.
        while true {
            let temporary = directory + "/." + name + Self.temporaryMarker + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 {
                return LocalUpload(descriptor: descriptor, temporary: temporary, final: path)
            }
            if errno != EEXIST {
                throw HostError("cannot create \(temporary): \(String(cString: strerror(errno)))")
            }
        }
    }

    public func size(key: String) throws -> Int? {
        var status = stat()
        guard stat(root + "/" + key, &status) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw HostError("cannot read \(root)/\(key): \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw HostError("\(root)/\(key) is not a regular file") }
        return Int(status.st_size)
    }

    public func read(key: String, range: Range<Int>) throws -> [UInt8] {
        let path = root + "/" + key
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw HostError("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: range.count)
        var done = 0
        while done < range.count {
            let got = bytes.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
            }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw HostError("cannot read \(path): \(String(cString: strerror(errno)))") }
            if got == 0 { break }
            done += got
        }
        return Array(bytes.prefix(done))
    }

    public func list(prefix: String) throws -> [String] {
        let directory = prefix.isEmpty ? root : root + "/" + prefix
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { !$0.hasPrefix(".") }.map { prefix.isEmpty ? $0 : prefix + "/" + $0 }.sorted()
    }

    public func removeLeftovers(prefix: String, belongs: (String) -> Bool) throws -> Int {
        let directory = prefix.isEmpty ? root : root + "/" + prefix
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(".") {
            // ".<final name>.inprogress-<pid>"
            guard let marker = name.ranges(of: Self.temporaryMarker).last else { continue }
            let finalName = String(name[name.index(after: name.startIndex)..<marker.lowerBound])
            let key = prefix.isEmpty ? finalName : prefix + "/" + finalName
            if belongs(key), unlink(directory + "/" + name) == 0 { removed += 1 }
        }
        return removed
    }
}

/// One local file being written.
final class LocalUpload: ObjectUpload {
    private var descriptor: Int32
    private let temporary: String
    private let final: String

    init(descriptor: Int32, temporary: String, final: String) {
        self.descriptor = descriptor
        self.temporary = temporary
        self.final = final
    }

    deinit {
        if descriptor >= 0 { abort() }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw HostError("cannot write \(temporary): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    func commit() throws {
        let status = close(descriptor)
        descriptor = -1
        guard status == 0 else {
            unlink(temporary)
            throw HostError("cannot finish \(temporary): \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, final) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw HostError("cannot rename \(temporary) to \(final): \(reason)")
        }
    }

    func abort() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporary)
    }
}
