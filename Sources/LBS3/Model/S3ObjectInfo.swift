/// Result of HeadObject.
public struct S3ObjectInfo: Sendable, Equatable {
    public let size: Int
    public let etag: String?
}
