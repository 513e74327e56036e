// One error type whose description is one clear line.
import LBHTTP

public struct S3Error: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Bad configuration, found before any request.
        case configuration
        /// Nothing answers at the endpoint (refused, unresolvable, unreachable).
        case connection
        /// The endpoint stopped answering in time.
        case timeout
        /// TLS handshake or certificate verification failed.
        case tls
        /// Any other transfer failure.
        case transport
        /// The server answered with an error status (or an error document).
        case http
        /// The server answered 2xx with something unusable.
        case invalidResponse
        /// The upload was aborted or cancelled.
        case cancelled
    }

    public let kind: Kind
    /// The S3 operation ("PutObject"), empty for configuration errors.
    public let operation: String
    /// "bucket" or "bucket/key", possibly with " (part N)".
    public let target: String
    /// The endpoint URL, for messages.
    public let endpoint: String
    /// HTTP status, when the server answered.
    public let status: Int?
    /// S3 error Code ("SignatureDoesNotMatch"), when given.
    public let code: String?
    /// S3 error Message, or the transport's explanation.
    public let message: String
    /// How many attempts were made.
    public let attempts: Int

    public init(kind: Kind, operation: String, target: String, endpoint: String, status: Int? = nil,
                code: String? = nil, message: String, attempts: Int = 1) {
        self.kind = kind
        self.operation = operation
        self.target = target
        self.endpoint = endpoint
        self.status = status
        self.code = code
        self.message = message
        self.attempts = attempts
    }

    /// An exchange that got no answer.
    init(transport failure: HTTPTransportError, operation: String, target: String, endpoint: String, attempts: Int) {
        let kind: Kind = switch failure.kind {
        case .connection: .connection
        case .timeout: .timeout
        case .tls: .tls
        case .transfer: .transport
        case .cancelled: .cancelled
        }
        self.init(kind: kind, operation: operation, target: target, endpoint: endpoint, message: failure.message,
                  attempts: attempts)
    }

    static func configuration(_ message: String) -> S3Error {
        S3Error(kind: .configuration, operation: "", target: "", endpoint: "", message: message)
    }

    public var description: String {
        if kind == .configuration { return message }
        let head = "S3 \(operation) \(target):"
        let tail = attempts > 1 ? " (after \(attempts) attempts)" : ""
        switch kind {
        case .configuration:
            return message
        case .connection:
            return "\(head) cannot connect to \(endpoint) (\(message))\(tail)"
        case .timeout:
            return "\(head) no answer in time from \(endpoint) (\(message))\(tail)"
        case .tls:
            return "\(head) TLS failure with \(endpoint) (\(message))\(tail)"
        case .transport:
            return "\(head) request to \(endpoint) failed (\(message))\(tail)"
        case .http:
            var s = "\(head) \(status.map(String.init) ?? "?")"
            if let code, !code.isEmpty { s += " \(code)" }
            if !message.isEmpty { s += ": \(message)" }
            return s + tail
        case .invalidResponse:
            return "\(head) unexpected answer from \(endpoint): \(message)\(tail)"
        case .cancelled:
            return "\(head) \(message)"
        }
    }

    /// The key or bucket does not exist (404).
    public var isNotFound: Bool { kind == .http && status == 404 }
}
