import Synchronization

/// Live counts of a run, read from any thread (a progress line) while the
/// writer adds to them: rows and bytes as row groups are written, files as
/// they are committed.
public final class RunProgress: Sendable {
    private let files = Atomic<Int>(0)
    private let rows = Atomic<Int>(0)
    private let bytes = Atomic<Int>(0)
    private let filesToMake = Atomic<Int>(-1)

    public init() {}

    public struct Snapshot: Sendable {
        /// Files committed by this run.
        public let files: Int
        /// Rows and bytes written so far, the file in flight included.
        public let rows: Int
        public let bytes: Int
        /// Planned files this run makes (nil before it knows, or for a continuous plan).
        public let filesToMake: Int?
    }

    public var snapshot: Snapshot {
        Snapshot(files: files.load(ordering: .relaxed), rows: rows.load(ordering: .relaxed),
                 bytes: bytes.load(ordering: .relaxed),
                 filesToMake: { $0 < 0 ? nil : $0 }(filesToMake.load(ordering: .relaxed)))
    }

    func wroteRowGroup(rows count: Int, bytes size: Int) {
        rows.add(count, ordering: .relaxed)
        bytes.add(size, ordering: .relaxed)
    }

    func plan(filesToMake count: Int?) {
        filesToMake.store(count ?? -1, ordering: .relaxed)
    }

    func committedFile() {
        files.add(1, ordering: .relaxed)
    }
}
