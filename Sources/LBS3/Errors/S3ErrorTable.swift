// What an S3 answer means: HTTP status and S3 error code to S3Error, and
// which of them are worth another attempt.
import LBHTTP

enum S3ErrorTable {
    /// Whether a 2xx body is an <Error> document (CompleteMultipartUpload
    /// may answer so).
    static func hasErrorDocument(_ body: [UInt8]) -> Bool {
        !MiniXML(body).elements("Error").isEmpty
    }

    /// The error an answer of non-2xx status (or an error document) means:
    /// its S3 Code and Message, else a code named after the status.
    static func error(_ operation: String, _ what: String, _ r: HTTPResponse, _ attempt: Int,
                      endpoint: S3Endpoint) -> S3Error {
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
        return S3Error(kind: .http, operation: operation, target: what, endpoint: endpoint.description,
                       status: r.status, code: code, message: message, attempts: attempt)
    }

    /// Server trouble and throttling, which a later attempt may get past,
    /// and a body that arrived altered (the bytes we hold are whole).
    static func isRetryable(status: Int, code: String?) -> Bool {
        if status >= 500 || status == 429 { return true }
        switch code {
        case "SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "Throttling",
             "ThrottlingException", "RequestLimitExceeded", "BadDigest", "XAmzContentSHA256Mismatch",
             "XAmzContentChecksumMismatch",
             // SeaweedFS's answer to a body that does not match its checksum
             // trailer (AWS's to a malformed value, which the few bounded
             // retries cannot mend but do no harm to).
             "InvalidDigest":
            return true
        default:
            return false
        }
    }
}
