/// A part that was uploaded, as CompleteMultipartUpload wants it.
public struct S3CompletedPart: Sendable, Equatable {
    public let partNumber: Int
    public let etag: String

    public init(partNumber: Int, etag: String) {
        self.partNumber = partNumber
        self.etag = etag
    }
}
