/// One page of ListObjectsV2.
public struct S3ListPage: Sendable {
    public let objects: [S3ObjectSummary]
    /// Pass to the next call; nil on the last page.
    public let nextContinuationToken: String?
}
