// AWS Signature Version 4 for S3 (header-based, AWS4-HMAC-SHA256), as the
// AWS documentation "Authenticating Requests: Using the Authorization Header"
// describes it.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHTTP

public enum S3SigV4 {
    /// SHA-256 of the empty string, hex.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    /// x-amz-content-sha256 for a body whose hash is not signed.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// x-amz-content-sha256 for an unsigned body in aws-chunked framing
    /// whose checksum comes in a trailer.
    public static let streamingUnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"

    /// The result of signing: the Authorization header value and the pieces
    /// that went into it (for tests and debugging).
    public struct Signature: Sendable {
        public let authorization: String
        public let signature: String
        public let signedHeaders: String
        public let canonicalRequest: String
        public let stringToSign: String
    }

    /// URI-encodes per the SigV4 rules: every byte except A-Z a-z 0-9 - . _ ~
    /// becomes %XX (upper-case hex); '/' is kept when `keepSlash`.
    public static func uriEncode(_ text: String, keepSlash: Bool) -> String {
        let upper: [UInt8] = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(b)
            case UInt8(ascii: "/") where keepSlash:
                out.append(b)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(upper[Int(b >> 4)])
                out.append(upper[Int(b & 0x0f)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The canonical query string: names and values encoded, sorted by name
    /// then value, `name=value` joined by '&' (a name without value gets '=').
    public static func canonicalQuery(_ items: [(String, String)]) -> String {
        items
            .map { (uriEncode($0.0, keepSlash: false), uriEncode($0.1, keepSlash: false)) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// `(yyyyMMdd, yyyyMMdd'T'HHmmss'Z')` in UTC for a Unix time.
    public static func amzDate(unixTime: Int) -> (date: String, dateTime: String) {
        var t = time_t(unixTime)
        var tmv = tm()
        gmtime_r(&t, &tmv)
        func pad(_ v: Int32, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        let date = pad(tmv.tm_year + 1900, 4) + pad(tmv.tm_mon + 1, 2) + pad(tmv.tm_mday, 2)
        let dateTime = date + "T" + pad(tmv.tm_hour, 2) + pad(tmv.tm_min, 2) + pad(tmv.tm_sec, 2) + "Z"
        return (date, dateTime)
    }

    /// Signs a request. `canonicalURI` is the already-encoded path (S3 encodes
    /// it once); `headers` are every header to sign, and must include `host`,
    /// `x-amz-date` (equal to `amzDateTime`) and `x-amz-content-sha256`.
    public static func sign(
        method: String,
        canonicalURI: String,
        query: [(String, String)],
        headers: [(String, String)],
        payloadHash: String,
        credentials: S3Credentials,
        region: String,
        amzDateTime: String,
        service: String = "s3"
    ) -> Signature {
        // Canonical headers: lower-case names, values trimmed with inner runs
        // of spaces collapsed, repeated names joined by ',', sorted by name.
        var merged: [(String, String)] = []
        for (name, value) in headers {
            let n = name.lowercased()
            let v = normalizeHeaderValue(value)
            if let i = merged.firstIndex(where: { $0.0 == n }) {
                merged[i].1 += "," + v
            } else {
                merged.append((n, v))
            }
        }
        merged.sort { $0.0 < $1.0 }
        let canonicalHeaders = merged.map { "\($0.0):\($0.1)\n" }.joined()
        let signedHeaders = merged.map { $0.0 }.joined(separator: ";")

        let canonicalRequest = [
            method, canonicalURI, canonicalQuery(query), canonicalHeaders, signedHeaders, payloadHash,
        ].joined(separator: "\n")

        let date = String(amzDateTime.prefix(8))
        let scope = "\(date)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDateTime, scope, Hex.string(Digest.sha256(canonicalRequest)),
        ].joined(separator: "\n")

        let kDate = Digest.hmacSHA256(key: Array(("AWS4" + credentials.secretAccessKey).utf8), data: date)
        let kRegion = Digest.hmacSHA256(key: kDate, data: region)
        let kService = Digest.hmacSHA256(key: kRegion, data: service)
        let kSigning = Digest.hmacSHA256(key: kService, data: "aws4_request")
        let signature = Hex.string(Digest.hmacSHA256(key: kSigning, data: stringToSign))

        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope),"
            + "SignedHeaders=\(signedHeaders),Signature=\(signature)"
        return Signature(authorization: authorization, signature: signature, signedHeaders: signedHeaders,
                         canonicalRequest: canonicalRequest, stringToSign: stringToSign)
    }

    static func normalizeHeaderValue(_ value: String) -> String {
        var out = ""
        var pendingSpace = false
        for ch in value {
            if ch == " " || ch == "\t" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            }
        }
        return out
    }
}
