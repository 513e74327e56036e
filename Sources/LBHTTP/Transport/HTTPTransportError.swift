/// An exchange that got no usable answer (any answer, of any status, is not
/// an error at this level).
public struct HTTPTransportError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Nothing answers at the address (refused, unresolvable, unreachable).
        case connection
        /// The server stopped answering in time.
        case timeout
        /// TLS handshake or certificate verification failed.
        case tls
        /// Any other transfer failure.
        case transfer
        /// The caller's cancel flag stopped the exchange.
        case cancelled
    }

    public let kind: Kind
    /// libcurl's explanation.
    public let message: String
    /// Whether the same request may succeed when sent again.
    public let retryable: Bool

    public init(kind: Kind, message: String, retryable: Bool) {
        self.kind = kind
        self.message = message
        self.retryable = retryable
    }
}
