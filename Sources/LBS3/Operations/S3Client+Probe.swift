// A dry run of the upload requests, for the preflight.
import LBHTTP

extension S3Client {
    /// Starts a multipart upload under a key of its own, sends one byte as
    /// a part the way every part goes (checksum header or trailer, signed
    /// or unsigned payload), checks that the store kept one byte (a store
    /// that took an aws-chunked body for the data would keep its framing),
    /// then aborts it: a store that rejects those requests says so now
    /// rather than half-way through a run. Nothing is left behind.
    public func probeUpload(bucket: String) throws {
        let key = "lb-datagen-preflight-" + Hex.string((0..<8).map { _ in UInt8.random(in: 0...255) })
        let (uploadId, _) = try startMultipartUpload(bucket: bucket, key: key, contentType: nil, token: nil)
        defer { try? abortMultipartUpload(bucket: bucket, key: key, uploadId: uploadId) }
        let byte: [UInt8] = [0x0a]
        _ = try byte.withUnsafeBytes { body in
            try uploadPart(bucket: bucket, key: key, uploadId: uploadId, partNumber: 1, body: HTTPBody(body), cancel: nil)
        }
        guard config.uploadTrailer != nil else { return }
        let r = try send(operation: "ListParts", bucket: bucket, key: key, method: "GET", query: [("uploadId", uploadId)])
        let sizes = MiniXML(r.body).texts("Size")
        if sizes != ["1"] {
            let kept = sizes.isEmpty ? "was not listed" : "was kept as \(sizes.joined(separator: " and ")) bytes"
            throw invalid("ListParts", bucket, key, "a one-byte trial part sent aws-chunked \(kept)", r)
        }
    }
}
