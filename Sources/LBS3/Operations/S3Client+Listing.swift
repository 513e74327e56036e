// Object listings (ListObjectsV2).

extension S3Client {
    /// One page of ListObjectsV2.
    public func listObjectsPage(bucket: String, prefix: String, continuationToken: String? = nil,
                                maxKeys: Int = 1000) throws -> S3ListPage {
        var query: [(String, String)] = [("list-type", "2"), ("prefix", prefix), ("max-keys", String(maxKeys))]
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        let r = try send(operation: "ListObjectsV2", bucket: bucket, key: nil, method: "GET", query: query)
        let xml = MiniXML(r.body)
        var objects: [S3ObjectSummary] = []
        for c in xml.elements("Contents") {
            guard let key = xml.text("Key", in: c) else { continue }
            objects.append(S3ObjectSummary(key: key, size: xml.text("Size", in: c).flatMap { Int($0) } ?? 0,
                                           etag: xml.text("ETag", in: c),
                                           lastModified: S3Timestamp.seconds(xml.text("LastModified", in: c))))
        }
        let truncated = xml.text("IsTruncated") == "true"
        let token = xml.text("NextContinuationToken")
        return S3ListPage(objects: objects, nextContinuationToken: truncated && token?.isEmpty == false ? token : nil)
    }

    /// Every object under `prefix`, following continuation tokens.
    public func listObjects(bucket: String, prefix: String) throws -> [S3ObjectSummary] {
        var all: [S3ObjectSummary] = []
        var token: String?
        repeat {
            let page = try listObjectsPage(bucket: bucket, prefix: prefix, continuationToken: token)
            all += page.objects
            if page.nextContinuationToken == token { break }
            token = page.nextContinuationToken
        } while token != nil
        return all
    }
}
