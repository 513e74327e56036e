// Object operations: whole objects and streaming uploads.
import LBHTTP

extension S3Client {
    /// Uploads a whole object in one request; returns its ETag.
    @discardableResult
    public func putObject(bucket: String, key: String, body: HTTPBody,
                          contentType: String? = nil) throws -> String? {
        // The checksum goes as a header here, never a trailer: some stores
        // keep a PUT's Content-Encoding, aws-chunked included, as the
        // object's, and strict readers then refuse the file. (A multipart
        // object takes its Content-Encoding from CreateMultipartUpload.)
        var headers = [(config.checksum.header, config.checksum.value(body))]
        if let contentType { headers.append(("content-type", contentType)) }
        let r = try transfers.measure(bytes: body.count) {
            try send(operation: "PutObject", bucket: bucket, key: key, method: "PUT",
                     headers: headers, body: body, unsignedPayload: !config.signPayload)
        }
        return r.header("etag")
    }

    @discardableResult
    public func putObject(bucket: String, key: String, body: UnsafeRawBufferPointer,
                          contentType: String? = nil) throws -> String? {
        try putObject(bucket: bucket, key: key, body: HTTPBody(body), contentType: contentType)
    }

    @discardableResult
    public func putObject(bucket: String, key: String, bytes: [UInt8], contentType: String? = nil) throws -> String? {
        try bytes.withUnsafeBytes { try putObject(bucket: bucket, key: key, body: HTTPBody($0), contentType: contentType) }
    }

    /// The whole object in memory (for tests and tools).
    public func getObject(bucket: String, key: String) throws -> [UInt8] {
        try send(operation: "GetObject", bucket: bucket, key: key, method: "GET").body
    }

    /// Bytes `range` of an object (a ranged GET): how a file's footer is
    /// read without fetching the file. A range past the end is cut to it.
    public func getObject(bucket: String, key: String, range: Range<Int>) throws -> [UInt8] {
        guard !range.isEmpty else { return [] }
        let r = try send(operation: "GetObject", bucket: bucket, key: key, method: "GET",
                         headers: [("range", "bytes=\(range.lowerBound)-\(range.upperBound - 1)")])
        // 206 is the range; a server that ignores Range answers 200 with the whole object.
        guard r.status == 200 else { return r.body }
        return Array(r.body[min(range.lowerBound, r.body.count)..<min(range.upperBound, r.body.count)])
    }

    /// Size and ETag of an object, or nil when there is none.
    public func headObject(bucket: String, key: String) throws -> S3ObjectInfo? {
        do {
            let r = try send(operation: "HeadObject", bucket: bucket, key: key, method: "HEAD")
            var metadata: [String: String] = [:]
            for (name, value) in r.headers where name.hasPrefix("x-amz-meta-") {
                metadata[String(name.dropFirst("x-amz-meta-".count))] = value
            }
            return S3ObjectInfo(size: r.header("content-length").flatMap { Int($0) } ?? 0, etag: r.header("etag"),
                                metadata: metadata)
        } catch let e as S3Error where e.isNotFound {
            return nil
        }
    }

    public func deleteObject(bucket: String, key: String) throws {
        _ = try send(operation: "DeleteObject", bucket: bucket, key: key, method: "DELETE")
    }

    /// A streaming upload to `key`: see `S3MultipartWriter`.
    public func makeWriter(bucket: String, key: String,
                           options: S3UploadOptions = S3UploadOptions()) throws -> S3MultipartWriter {
        try S3MultipartWriter(client: self, bucket: bucket, key: key, options: options)
    }
}
