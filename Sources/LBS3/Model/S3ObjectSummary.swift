/// A complete object in a listing.
public struct S3ObjectSummary: Sendable, Equatable {
    public let key: String
    public let size: Int
    public let etag: String?
}
