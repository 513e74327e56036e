import LBHTTP

/// The hashes S3 wants for a request body: SHA-256 (hex, for Signature V4's
/// x-amz-content-sha256) and MD5 (base64, for Content-MD5).
struct PayloadDigests: Sendable {
    let sha256Hex: String
    let md5Base64: String

    init(_ body: UnsafeRawBufferPointer) {
        sha256Hex = Hex.string(Digest.sha256(body))
        md5Base64 = Base64.string(Digest.md5(body))
    }
}
