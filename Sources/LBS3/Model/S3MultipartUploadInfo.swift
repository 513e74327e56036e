/// An open (started, neither completed nor aborted) multipart upload.
public struct S3MultipartUploadInfo: Sendable, Equatable {
    public let key: String
    public let uploadId: String
}
