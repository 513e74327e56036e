/// An open (started, neither completed nor aborted) multipart upload.
public struct S3MultipartUploadInfo: Sendable, Equatable {
    public let key: String
    public let uploadId: String
    /// When the server started it, in seconds since the epoch on the
    /// server's clock; nil when the listing did not say.
    public let initiated: Int?
}
