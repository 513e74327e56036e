/// A part that was uploaded, as CompleteMultipartUpload wants it.
public struct S3CompletedPart: Sendable, Equatable {
    public let partNumber: Int
    public let etag: String
    /// The part's x-amz-checksum-* value, repeated at completion; nil with Content-MD5.
    public let checksum: String?

    public init(partNumber: Int, etag: String, checksum: String? = nil) {
        self.partNumber = partNumber
        self.etag = etag
        self.checksum = checksum
    }
}
