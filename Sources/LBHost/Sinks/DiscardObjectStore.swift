import LBParquet

/// `--output /dev/null`: every file is made in full, encoded and compressed,
/// then dropped. Measures the generator without any storage in the way.
public final class DiscardObjectStore: ObjectStore, @unchecked Sendable {
    public static let path = "/dev/null"

    public var location: String { Self.path }

    public init() {}

    public func preflight() throws {}

    public func create(key: String) throws -> ObjectUpload { DiscardUpload() }

    /// Nothing is ever stored, so nothing is ever done.
    public func list(prefix: String) throws -> [String] { [] }

    public func size(key: String) throws -> Int? { nil }

    public func read(key: String, range: Range<Int>) throws -> [UInt8] {
        throw HostError("\(Self.path) keeps nothing to read")
    }

    public func removeLeftovers(prefix: String, belongs: (String) -> Bool) throws -> Int { 0 }
}

/// A file that goes nowhere.
final class DiscardUpload: ObjectUpload {
    func write(_ bytes: UnsafeRawBufferPointer) throws {}
    func commit() throws {}
    func abort() {}
}
