/// A complete object in a listing.
public struct S3ObjectSummary: Sendable, Equatable {
    public let key: String
    public let size: Int
    public let etag: String?
    /// When the object was made, in seconds since the epoch on the server's
    /// clock; nil when the listing did not say.
    public let lastModified: Int?
}
