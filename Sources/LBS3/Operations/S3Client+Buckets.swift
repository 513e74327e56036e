// Bucket operations.
import LBHTTP

extension S3Client {
    /// Succeeds when the bucket exists and the credentials may use it.
    /// A 404 or 403 carries no S3 code (HEAD answers have no body); when the
    /// answer is 403 a ListObjectsV2 call is made to learn the exact code
    /// (SignatureDoesNotMatch, InvalidAccessKeyId, AccessDenied).
    public func headBucket(_ bucket: String) throws {
        do {
            _ = try send(operation: "HeadBucket", bucket: bucket, key: nil, method: "HEAD")
        } catch let error as S3Error where error.kind == .http && error.status == 403 {
            do {
                _ = try send(operation: "HeadBucket", bucket: bucket, key: nil, method: "GET",
                             query: [("list-type", "2"), ("max-keys", "0")])
            } catch let detailed as S3Error where detailed.kind == .http && detailed.code != nil {
                throw detailed
            }
            throw error
        }
    }

    /// Creates a bucket (a LocationConstraint is sent outside us-east-1).
    public func createBucket(_ bucket: String) throws {
        var body: [UInt8] = []
        if config.region != S3Config.defaultRegion {
            body = Array(("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LocationConstraint>\(MiniXML.escape(config.region))</LocationConstraint>"
                + "</CreateBucketConfiguration>").utf8)
        }
        try body.withUnsafeBytes { b in
            _ = try send(operation: "CreateBucket", bucket: bucket, key: nil, method: "PUT", body: HTTPBody(b))
        }
    }
}
