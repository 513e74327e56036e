// Multipart uploads: create, parts, complete, abort, list.
import LBHTTP
import LBSync

extension S3Client {
    /// Starts a multipart upload; returns its UploadId.
    public func createMultipartUpload(bucket: String, key: String, contentType: String? = nil) throws -> String {
        try startMultipartUpload(bucket: bucket, key: key, contentType: contentType, token: nil).uploadId
    }

    /// The user metadata (x-amz-meta-…) that names the upload an object
    /// was completed from: proof, after a lost answer, that it is ours.
    static let uploadTokenMetadata = "lb-datagen-upload"

    /// Starts a multipart upload; also says how many requests it took. Each
    /// goes over a new connection, so that count is exact: more than one
    /// means an earlier request may have started an upload whose answer was
    /// lost (see `abortLostStarts`).
    func startMultipartUpload(bucket: String, key: String, contentType: String?, token: String?)
        throws -> (uploadId: String, attempts: Int) {
        var headers: [(String, String)] = []
        if let contentType { headers.append(("content-type", contentType)) }
        if let algorithm = config.checksum.algorithm { headers.append(("x-amz-checksum-algorithm", algorithm.name)) }
        if let token { headers.append(("x-amz-meta-" + Self.uploadTokenMetadata, token)) }
        let (r, attempts) = try sendCounting(operation: "CreateMultipartUpload", bucket: bucket, key: key, method: "POST",
                                             query: [("uploads", "")], headers: headers,
                                             body: HTTPBody([]), freshConnection: true)
        guard let id = MiniXML(r.body).text("UploadId"), !id.isEmpty else {
            throw invalid("CreateMultipartUpload", bucket, key, "no UploadId in the answer", r)
        }
        return (id, attempts)
    }

    /// After a start that took several requests over `seconds`: aborts the
    /// other uploads of `key` that the server began within those seconds of
    /// `uploadId` (listings give whole seconds, hence one more), the ones
    /// our lost requests made. An upload of another writer of the key is
    /// older or newer than that and stays. Returns how many went; never throws.
    @discardableResult
    func abortLostStarts(bucket: String, key: String, keeping uploadId: String, seconds: Double) -> Int {
        guard let open = try? listMultipartUploads(bucket: bucket, prefix: key).filter({ $0.key == key }),
              let ours = open.first(where: { $0.uploadId == uploadId })?.initiated else { return 0 }
        let earliest = ours - Int(seconds.rounded(.up)) - 1
        var aborted = 0
        for upload in open where upload.uploadId != uploadId {
            guard let initiated = upload.initiated, initiated >= earliest, initiated <= ours else { continue }
            if (try? abortMultipartUpload(bucket: bucket, key: key, uploadId: upload.uploadId)) != nil { aborted += 1 }
        }
        return aborted
    }

    /// Uploads one part (numbered from 1) with its checksum (S3Config.checksum).
    public func uploadPart(bucket: String, key: String, uploadId: String, partNumber: Int,
                           body: UnsafeRawBufferPointer) throws -> S3CompletedPart {
        try uploadPart(bucket: bucket, key: key, uploadId: uploadId, partNumber: partNumber, body: HTTPBody(body),
                       cancel: nil)
    }

    public func uploadPart(bucket: String, key: String, uploadId: String, partNumber: Int,
                           body: HTTPBody) throws -> S3CompletedPart {
        try uploadPart(bucket: bucket, key: key, uploadId: uploadId, partNumber: partNumber, body: body, cancel: nil)
    }

    func uploadPart(bucket: String, key: String, uploadId: String, partNumber: Int,
                    body: HTTPBody, cancel: CancelFlag?) throws -> S3CompletedPart {
        let trailer = config.uploadTrailer
        let header = trailer == nil ? config.checksum.value(body) : nil
        let r = try transfers.measure(bytes: body.count) {
            try send(operation: "UploadPart", bucket: bucket, key: key, method: "PUT",
                     query: [("partNumber", String(partNumber)), ("uploadId", uploadId)],
                     headers: header.map { [(config.checksum.header, $0)] } ?? [], body: body,
                     unsignedPayload: !config.signPayload, trailer: trailer, targetSuffix: " (part \(partNumber))",
                     cancel: cancel)
        }
        guard let etag = r.header("etag"), !etag.isEmpty else {
            throw invalid("UploadPart", bucket, key, "no ETag for part \(partNumber)", r)
        }
        guard let checksum = header ?? r.sentTrailerValue else {
            throw invalid("UploadPart", bucket, key, "part \(partNumber) went without its checksum trailer", r)
        }
        return S3CompletedPart(partNumber: partNumber, etag: etag,
                               checksum: config.checksum.algorithm == nil ? nil : checksum)
    }

    /// Makes the object visible from its parts (sorted by part number
    /// here). `token`: the one given at the start, if any (see below).
    @discardableResult
    public func completeMultipartUpload(bucket: String, key: String, uploadId: String,
                                        parts: [S3CompletedPart], token: String? = nil) throws -> String? {
        var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        let element = config.checksum.algorithm?.element
        for p in parts.sorted(by: { $0.partNumber < $1.partNumber }) {
            xml += "<Part><PartNumber>\(p.partNumber)</PartNumber><ETag>\(MiniXML.escape(p.etag))</ETag>"
            if let element, let checksum = p.checksum { xml += "<\(element)>\(checksum)</\(element)>" }
            xml += "</Part>"
        }
        xml += "</CompleteMultipartUpload>"
        let body = Array(xml.utf8)
        do {
            let r = try body.withUnsafeBytes { b in
                try send(operation: "CompleteMultipartUpload", bucket: bucket, key: key, method: "POST",
                         query: [("uploadId", uploadId)], headers: [("content-type", "application/xml")],
                         body: HTTPBody(b))
            }
            return MiniXML(r.body).text("ETag")
        } catch let error as S3Error where error.code == "NoSuchUpload" {
            // An earlier send may have completed the upload and lost its
            // answer: the object is then there. That send may be ours (a
            // retry) or libcurl's own: it re-sends a request unseen when a
            // reused keep-alive connection closes without an answer. Proof
            // that the object is ours: the token given at the start, in its
            // metadata; or, where part ETags are the parts' MD5 as S3 makes
            // them, the exact ETag these parts make (no digest of ours).
            if let object = try headObject(bucket: bucket, key: key) {
                if let token, object.metadata[Self.uploadTokenMetadata] == token { return object.etag }
                if let etag = object.etag, etag.filter({ $0 != "\"" }).lowercased() == MultipartETag.expected(for: parts) {
                    return etag
                }
            }
            throw error
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
                    result.append(S3MultipartUploadInfo(key: key, uploadId: id,
                                                        initiated: S3Timestamp.seconds(xml.text("Initiated", in: u))))
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
}
