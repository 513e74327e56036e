/// Result of HeadObject.
public struct S3ObjectInfo: Sendable, Equatable {
    public let size: Int
    public let etag: String?
    /// User metadata (x-amz-meta-NAME), by lower-case NAME.
    public let metadata: [String: String]
}
