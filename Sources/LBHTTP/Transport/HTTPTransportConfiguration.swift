/// How the transport connects: timeouts and TLS verification.
public struct HTTPTransportConfiguration: Sendable, Equatable {
    /// Seconds to establish a connection (TCP and TLS).
    public var connectTimeout: Double
    /// Seconds for a whole request; 0 means no limit beyond the stall limit.
    public var requestTimeout: Double
    /// A transfer slower than 1 KiB/s for this many seconds is abandoned; 0
    /// disables the check.
    public var stallTimeout: Double
    /// Verify the server's TLS certificate and host name.
    public var verifyTLS: Bool
    /// A PEM bundle of CA certificates to trust instead of the system's.
    public var caBundlePath: String?

    public init(connectTimeout: Double = 10, requestTimeout: Double = 900, stallTimeout: Double = 60,
                verifyTLS: Bool = true, caBundlePath: String? = nil) {
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.stallTimeout = stallTimeout
        self.verifyTLS = verifyTLS
        self.caBundlePath = caBundlePath
    }
}
