// The S3 operations the generator needs, signed with Signature V4, sent
// over libcurl, retried with exponential backoff and jitter.
import LBSync

/// A complete object in a listing.
public struct S3ObjectSummary: Sendable, Equatable {
    public let key: String
    public let size: Int
    public let etag: String?
}

/// One page of ListObjectsV2.
public struct S3ListPage: Sendable {
    public let objects: [S3ObjectSummary]
    /// Pass to the next call; nil on the last page.
    public let nextContinuationToken: String?
}

/// An open (started, neither completed nor aborted) multipart upload.
public struct S3MultipartUploadInfo: Sendable, Equatable {
    public let key: String
    public let uploadId: String
}

/// A part that was uploaded, as CompleteMultipartUpload wants it.
public struct S3CompletedPart: Sendable, Equatable {
    public let partNumber: Int
    public let etag: String

    public init(partNumber: Int, etag: String) {
        self.partNumber = partNumber
        self.etag = etag
    }
}

/// Result of HeadObject.
public struct S3ObjectInfo: Sendable, Equatable {
    public let size: Int
    public let etag: String?
}

public final class S3Client: Sendable {
    public let config: S3Config
    private let transport = CurlTransport()

    public init(config: S3Config) {
        self.config = config
    }

    /// Reads the configuration from the environment (see `S3Config.fromEnvironment`).
    public convenience init(environment: [String: String]) throws {
        self.init(config: try S3Config.fromEnvironment(environment))
    }

    // MARK: Buckets

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
            _ = try send(operation: "CreateBucket", bucket: bucket, key: nil, method: "PUT", body: b)
        }
    }

    /// Deletes an empty bucket.
    public func deleteBucket(_ bucket: String) throws {
        _ = try send(operation: "DeleteBucket", bucket: bucket, key: nil, method: "DELETE")
    }

    // MARK: Objects

    /// Uploads a whole object in one request; returns its ETag.
    @discardableResult
    public func putObject(bucket: String, key: String, body: UnsafeRawBufferPointer,
                          contentType: String? = nil) throws -> String? {
        var headers: [(String, String)] = []
        if let contentType { headers.append(("content-type", contentType)) }
        let r = try send(operation: "PutObject", bucket: bucket, key: key, method: "PUT",
                         headers: headers, body: body)
        return r.header("etag")
    }

    @discardableResult
    public func putObject(bucket: String, key: String, bytes: [UInt8], contentType: String? = nil) throws -> String? {
        try bytes.withUnsafeBytes { try putObject(bucket: bucket, key: key, body: $0, contentType: contentType) }
    }

    /// The whole object in memory (for tests and tools).
    public func getObject(bucket: String, key: String) throws -> [UInt8] {
        try send(operation: "GetObject", bucket: bucket, key: key, method: "GET").body
    }

    /// Size and ETag of an object, or nil when there is none.
    public func headObject(bucket: String, key: String) throws -> S3ObjectInfo? {
        do {
            let r = try send(operation: "HeadObject", bucket: bucket, key: key, method: "HEAD")
            return S3ObjectInfo(size: r.header("content-length").flatMap { Int($0) } ?? 0, etag: r.header("etag"))
        } catch let e as S3Error where e.isNotFound {
            return nil
        }
    }

    public func deleteObject(bucket: String, key: String) throws {
        _ = try send(operation: "DeleteObject", bucket: bucket, key: key, method: "DELETE")
    }

    // MARK: Multipart

    /// Starts a multipart upload; returns its UploadId.
    public func createMultipartUpload(bucket: String, key: String, contentType: String? = nil) throws -> String {
        var headers: [(String, String)] = []
        if let contentType { headers.append(("content-type", contentType)) }
        let r = try send(operation: "CreateMultipartUpload", bucket: bucket, key: key, method: "POST",
                         query: [("uploads", "")], headers: headers, body: UnsafeRawBufferPointer(start: nil, count: 0))
        guard let id = MiniXML(r.body).text("UploadId"), !id.isEmpty else {
            throw invalid("CreateMultipartUpload", bucket, key, "no UploadId in the answer", r)
        }
        return id
    }

    /// Uploads one part (numbered from 1) with its Content-MD5.
    public func uploadPart(bucket: String, key: String, uploadId: String, partNumber: Int,
                           body: UnsafeRawBufferPointer) throws -> S3CompletedPart {
        try uploadPart(bucket: bucket, key: key, uploadId: uploadId, partNumber: partNumber, body: body, cancel: nil)
    }

    func uploadPart(bucket: String, key: String, uploadId: String, partNumber: Int,
                    body: UnsafeRawBufferPointer, cancel: CancelFlag?) throws -> S3CompletedPart {
        let r = try send(operation: "UploadPart", bucket: bucket, key: key, method: "PUT",
                         query: [("partNumber", String(partNumber)), ("uploadId", uploadId)],
                         body: body, targetSuffix: " (part \(partNumber))", cancel: cancel)
        guard let etag = r.header("etag"), !etag.isEmpty else {
            throw invalid("UploadPart", bucket, key, "no ETag for part \(partNumber)", r)
        }
        return S3CompletedPart(partNumber: partNumber, etag: etag)
    }

    /// Makes the object visible from its parts (sorted by part number here).
    @discardableResult
    public func completeMultipartUpload(bucket: String, key: String, uploadId: String,
                                        parts: [S3CompletedPart]) throws -> String? {
        var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for p in parts.sorted(by: { $0.partNumber < $1.partNumber }) {
            xml += "<Part><PartNumber>\(p.partNumber)</PartNumber><ETag>\(MiniXML.escape(p.etag))</ETag></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        let body = Array(xml.utf8)
        do {
            let r = try body.withUnsafeBytes { b in
                try send(operation: "CompleteMultipartUpload", bucket: bucket, key: key, method: "POST",
                         query: [("uploadId", uploadId)], headers: [("content-type", "application/xml")], body: b)
            }
            return MiniXML(r.body).text("ETag")
        } catch let error as S3Error where error.code == "NoSuchUpload" {
            // An earlier send may have completed the upload and lost its
            // answer: the object is then there. That send may be ours (a
            // retry, attempts > 1) or libcurl's own: it re-sends a request
            // unseen when a reused keep-alive connection closes without an
            // answer, so attempts can be 1. Then only the exact ETag these
            // parts make is proof; after a retry of ours a multipart ETag of
            // as many parts will do (stores differ in how they compute it).
            if let object = try headObject(bucket: bucket, key: key), let etag = object.etag {
                let bare = etag.filter { $0 != "\"" }
                if bare.lowercased() == Self.multipartETag(parts) || (error.attempts > 1 && bare.hasSuffix("-\(parts.count)")) {
                    return etag
                }
            }
            throw error
        }
    }

    /// The ETag S3 gives an object completed from `parts` when each part's
    /// ETag is its MD5 (hex): the MD5 of those digests, then "-<parts>".
    /// Nil when a part's ETag is not an MD5.
    static func multipartETag(_ parts: [S3CompletedPart]) -> String? {
        var digests: [UInt8] = []
        for p in parts.sorted(by: { $0.partNumber < $1.partNumber }) {
            let hex = Array(p.etag.filter { $0 != "\"" }.utf8)
            guard hex.count == 32 else { return nil }
            for i in stride(from: 0, to: 32, by: 2) {
                guard let high = hexValue(hex[i]), let low = hexValue(hex[i + 1]) else { return nil }
                digests.append(high << 4 | low)
            }
        }
        guard !digests.isEmpty else { return nil }
        return digests.withUnsafeBytes { hexString(Digest.md5($0)) } + "-\(parts.count)"
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Discards a multipart upload and its parts. An upload that is already
    /// gone (404 NoSuchUpload) counts as aborted.
    public func abortMultipartUpload(bucket: String, key: String, uploadId: String) throws {
        do {
            _ = try send(operation: "AbortMultipartUpload", bucket: bucket, key: key, method: "DELETE",
                         query: [("uploadId", uploadId)])
        } catch let e as S3Error where e.kind == .http && e.status == 404 && e.code == "NoSuchUpload" {
            return
        }
    }

    /// Multipart uploads started and not finished under `prefix`, all pages.
    public func listMultipartUploads(bucket: String, prefix: String) throws -> [S3MultipartUploadInfo] {
        var result: [S3MultipartUploadInfo] = []
        var keyMarker: String?
        var uploadIdMarker: String?
        while true {
            var query: [(String, String)] = [("uploads", ""), ("prefix", prefix)]
            if let keyMarker { query.append(("key-marker", keyMarker)) }
            if let uploadIdMarker { query.append(("upload-id-marker", uploadIdMarker)) }
            let r = try send(operation: "ListMultipartUploads", bucket: bucket, key: nil, method: "GET", query: query)
            let xml = MiniXML(r.body)
            for u in xml.elements("Upload") {
                if let key = xml.text("Key", in: u), let id = xml.text("UploadId", in: u) {
                    result.append(S3MultipartUploadInfo(key: key, uploadId: id))
                }
            }
            let truncated = xml.text("IsTruncated") == "true"
            let nextKey = xml.text("NextKeyMarker")
            let nextId = xml.text("NextUploadIdMarker")
            guard truncated, let nextKey, !nextKey.isEmpty,
                  nextKey != keyMarker || nextId != uploadIdMarker else { break }
            keyMarker = nextKey
            uploadIdMarker = nextId
        }
        return result
    }

    /// Aborts every open multipart upload under `prefix`; returns how many.
    @discardableResult
    public func abortMultipartUploads(bucket: String, prefix: String) throws -> Int {
        let uploads = try listMultipartUploads(bucket: bucket, prefix: prefix)
        for u in uploads {
            try abortMultipartUpload(bucket: bucket, key: u.key, uploadId: u.uploadId)
        }
        return uploads.count
    }

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
                                           etag: xml.text("ETag", in: c)))
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

    /// A streaming upload to `key`: see `S3MultipartWriter`.
    public func makeWriter(bucket: String, key: String,
                           options: S3UploadOptions = S3UploadOptions()) throws -> S3MultipartWriter {
        try S3MultipartWriter(client: self, bucket: bucket, key: key, options: options)
    }

    // MARK: Requests

    private func invalid(_ op: String, _ bucket: String, _ key: String?, _ message: String, _ r: HTTPResponse) -> S3Error {
        S3Error(kind: .invalidResponse, operation: op, target: target(bucket, key), endpoint: config.endpoint.description,
                status: r.status, message: message)
    }

    private func target(_ bucket: String, _ key: String?) -> String {
        key.map { "\(bucket)/\($0)" } ?? bucket
    }

    /// Signs and sends a request, retrying what may succeed on a second try;
    /// returns the 2xx answer or throws an `S3Error`.
    func send(operation: String, bucket: String, key: String?, method: String,
              query: [(String, String)] = [], headers extra: [(String, String)] = [],
              body: UnsafeRawBufferPointer? = nil, targetSuffix: String = "",
              cancel: CancelFlag? = nil) throws -> HTTPResponse {
        let endpoint = config.endpoint
        let what = target(bucket, key) + targetSuffix

        // Address: path style puts the bucket in the path, virtual-hosted in the host.
        let keyPath = key.map { "/" + S3SigV4.uriEncode($0, keepSlash: true) } ?? ""
        let path: String
        let host: String
        if config.pathStyle {
            host = endpoint.authority
            path = endpoint.basePath + "/" + S3SigV4.uriEncode(bucket, keepSlash: false) + keyPath
        } else {
            host = endpoint.authority(forHost: "\(bucket).\(endpoint.host)")
            path = endpoint.basePath + (keyPath.isEmpty ? "/" : keyPath)
        }
        let queryString = S3SigV4.canonicalQuery(query)
        let url = "\(endpoint.scheme)://\(host)\(path)" + (queryString.isEmpty ? "" : "?" + queryString)

        var payloadHash = S3SigV4.emptyPayloadHash
        var contentMD5: String?
        if let body, body.count > 0 {
            let digests = PayloadDigests(body)
            payloadHash = digests.sha256Hex
            // (Tests pass their own Content-MD5 to see corruption caught.)
            if !extra.contains(where: { $0.0.lowercased() == "content-md5" }) {
                contentMD5 = digests.md5Base64
            }
        }

        var attempt = 0
        while true {
            attempt += 1
            if cancel?.isSet == true {
                throw S3Error(kind: .cancelled, operation: operation, target: what,
                              endpoint: endpoint.description, message: "cancelled", attempts: attempt - 1)
            }
            let amz = S3SigV4.amzDate(unixTime: Clock.unixSeconds())
            var headers: [(String, String)] = [
                ("host", host), ("x-amz-date", amz.dateTime), ("x-amz-content-sha256", payloadHash),
            ]
            if let contentMD5 { headers.append(("content-md5", contentMD5)) }
            if let token = config.credentials.sessionToken { headers.append(("x-amz-security-token", token)) }
            headers += extra
            let signature = S3SigV4.sign(method: method, canonicalURI: path, query: query, headers: headers,
                                         payloadHash: payloadHash, credentials: config.credentials,
                                         region: config.region, amzDateTime: amz.dateTime)
            headers.append(("authorization", signature.authorization))

            let request = HTTPRequest(method: method, url: url, headers: headers, body: body)
            let failure: S3Error
            let retryable: Bool
            switch transport.perform(request, config: config, cancel: cancel) {
            case .failure(let t):
                failure = S3Error(kind: t.kind, operation: operation, target: what, endpoint: endpoint.description,
                                  message: t.message, attempts: attempt)
                retryable = t.retryable
            case .success(let response):
                if (200..<300).contains(response.status) {
                    // CompleteMultipartUpload may answer 200 with an <Error> document.
                    if operation == "CompleteMultipartUpload", Self.errorDocument(response.body) != nil {
                        failure = httpError(operation, what, response, attempt)
                        retryable = Self.isRetryable(status: 500, code: failure.code)
                    } else {
                        return response
                    }
                } else {
                    failure = httpError(operation, what, response, attempt)
                    retryable = Self.isRetryable(status: response.status, code: failure.code)
                }
            }
            if !retryable || attempt >= config.retry.maxAttempts || cancel?.isSet == true {
                throw failure
            }
            Clock.sleep(seconds: config.retry.delay(afterAttempt: attempt))
        }
    }

    private static func errorDocument(_ body: [UInt8]) -> Range<Int>? {
        MiniXML(body).elements("Error").first
    }

    private func httpError(_ operation: String, _ what: String, _ r: HTTPResponse, _ attempt: Int) -> S3Error {
        let xml = MiniXML(r.body)
        var code = xml.text("Code")
        var message = xml.text("Message") ?? ""
        if code == nil {
            switch r.status {
            case 301: code = "PermanentRedirect"
            case 400: code = "BadRequest"
            case 403: code = "Forbidden"
            case 404: code = "NotFound"
            case 409: code = "Conflict"
            case 412: code = "PreconditionFailed"
            case 429: code = "TooManyRequests"
            case 500: code = "InternalError"
            case 501: code = "NotImplemented"
            case 503: code = "ServiceUnavailable"
            default: break
            }
            if message.isEmpty, !r.body.isEmpty, r.body.count < 300, !r.body.contains(UInt8(ascii: "<")) {
                message = String(decoding: r.body, as: UTF8.self).trimmingSpaces()
            }
        }
        if (r.status == 301 || r.status == 307), let region = r.header("x-amz-bucket-region") {
            message += (message.isEmpty ? "" : " ") + "(the bucket is in region \(region))"
        }
        return S3Error(kind: .http, operation: operation, target: what, endpoint: config.endpoint.description,
                       status: r.status, code: code, message: message, attempts: attempt)
    }

    static func isRetryable(status: Int, code: String?) -> Bool {
        if status >= 500 || status == 429 { return true }
        switch code {
        case "SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "Throttling",
             "ThrottlingException", "RequestLimitExceeded":
            return true
        default:
            return false
        }
    }
}
