// A dry run of the upload requests, for the preflight.
import LBHTTP

extension S3Client {
    /// Starts a multipart upload under a key of its own, sends one byte as
    /// a part the way every part goes (checksum header, signed or unsigned
    /// payload), then aborts it: a store that rejects those headers says so
    /// now rather than half-way through a run. Nothing is left behind.
    public func probeUpload(bucket: String) throws {
        let key = "lb-datagen-preflight-" + Hex.string((0..<8).map { _ in UInt8.random(in: 0...255) })
        let (uploadId, _) = try startMultipartUpload(bucket: bucket, key: key, contentType: nil, token: nil)
        defer { try? abortMultipartUpload(bucket: bucket, key: key, uploadId: uploadId) }
        let byte: [UInt8] = [0x0a]
        _ = try byte.withUnsafeBytes { body in
            try uploadPart(bucket: bucket, key: key, uploadId: uploadId, partNumber: 1, body: HTTPBody(body), cancel: nil)
        }
    }
}
