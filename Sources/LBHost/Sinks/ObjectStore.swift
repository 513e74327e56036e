import LBParquet

/// Where finished files go: a local directory or an S3 bucket. Keys are
/// slash-separated paths relative to the store's root ("prefix/part-000000.parquet").
///
/// Contract: an object is visible under its key only once it is complete;
/// an interrupted or aborted upload leaves nothing under the final key.
public protocol ObjectStore: AnyObject, Sendable {
    /// For messages, e.g. "s3://bronze" or "/data/out".
    var location: String { get }

    /// Checks, before any data is made, that the store exists and accepts
    /// writes; throws an error whose description is one clear line.
    func preflight() throws

    /// Starts an object. Bytes written to the upload stay invisible until
    /// `commit`.
    func create(key: String) throws -> ObjectUpload

    /// Size in bytes of the complete object under `key`, or nil when there is none.
    func size(key: String) throws -> Int?

    /// Bytes `range` of the complete object under `key` (fewer past its end):
    /// how a file's footer is read back without reading the file.
    func read(key: String, range: Range<Int>) throws -> [UInt8]

    /// Keys of the complete objects under `prefix`.
    func list(prefix: String) throws -> [String]

    /// Removes what an interrupted run left under `prefix` for the keys
    /// that `belongs` accepts only (temporary files, open multipart uploads),
    /// so that nodes sharing a prefix never touch each other's work; returns
    /// how many.
    func removeLeftovers(prefix: String, belongs: (String) -> Bool) throws -> Int

    /// Wall and CPU seconds spent sending object bodies, for stores that
    /// send them over a network; nil otherwise.
    var transferSeconds: (wall: Double, cpu: Double)? { get }

    /// Bytes an upload may still send from, by reference, once
    /// `write(_:keepingAlive:)` returned (parts being filled or in flight):
    /// it keeps their owners (page blocks) that long. 0 for a store that
    /// copies at once.
    var bytesHeldPerUpload: Int { get }
}

extension ObjectStore {
    public var transferSeconds: (wall: Double, cpu: Double)? { nil }
    public var bytesHeldPerUpload: Int { 0 }
}

/// One object being written: a `ParquetSink` that becomes visible only on commit.
public protocol ObjectUpload: ParquetSink {
    /// Makes the object visible under its key, complete.
    func commit() throws
    /// Discards whatever was written; never throws.
    func abort()
}
