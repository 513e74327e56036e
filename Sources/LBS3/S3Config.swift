// Client configuration, and its construction from the environment the
// reference generator reads (see spec/cli.md, "Environment the reference reads").
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An S3 endpoint: `http(s)://host[:port][/base/path]`.
public struct S3Endpoint: Sendable, Equatable, CustomStringConvertible {
    public let scheme: String
    /// Host name or address; an IPv6 address keeps its brackets.
    public let host: String
    /// The port given in the URL, if any.
    public let port: Int?
    /// A path prefix before the bucket ("" or "/something", no trailing slash).
    public let basePath: String

    public init(_ url: String) throws {
        var rest = Substring(url.trimmingSpaces())
        let scheme: String
        if rest.lowercased().hasPrefix("https://") {
            scheme = "https"; rest = rest.dropFirst(8)
        } else if rest.lowercased().hasPrefix("http://") {
            scheme = "http"; rest = rest.dropFirst(7)
        } else {
            throw S3Error.configuration("S3 endpoint '\(url)' must start with http:// or https://")
        }
        let authority: Substring
        var path: Substring = ""
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            authority = rest[..<slash]
            path = rest[slash...]
            if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<q] }
        } else {
            authority = rest
        }
        if authority.contains("@") {
            throw S3Error.configuration("S3 endpoint '\(url)' must not carry credentials; use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
        }
        var host = authority
        var port: Int?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else {
                throw S3Error.configuration("S3 endpoint '\(url)' has a malformed IPv6 address")
            }
            let after = host[host.index(after: close)...]
            host = host[...close]
            if after.hasPrefix(":") { port = Int(after.dropFirst()); if port == nil { throw S3Error.configuration("S3 endpoint '\(url)' has a bad port") } }
        } else if let colon = host.lastIndex(of: ":") {
            guard let p = Int(host[host.index(after: colon)...]), p > 0, p < 65536 else {
                throw S3Error.configuration("S3 endpoint '\(url)' has a bad port")
            }
            port = p
            host = host[..<colon]
        }
        guard !host.isEmpty else { throw S3Error.configuration("S3 endpoint '\(url)' has no host") }
        while path.hasSuffix("/") { path = path.dropLast() }
        self.scheme = scheme
        self.host = String(host)
        self.port = port
        self.basePath = String(path)
    }

    /// The Host header value: the port only when not the scheme's default.
    public var authority: String { authority(forHost: host) }

    func authority(forHost h: String) -> String {
        if let port, !(scheme == "http" && port == 80) && !(scheme == "https" && port == 443) {
            return "\(h):\(port)"
        }
        return h
    }

    /// `scheme://host[:port][basePath]`, for messages.
    public var description: String { "\(scheme)://\(authority)\(basePath)" }
}

/// How often and how patiently failed requests are retried.
public struct S3RetryPolicy: Sendable, Equatable {
    /// Attempts per request, the first included (1 means no retry).
    public var maxAttempts: Int
    /// Backoff before retry n is about baseDelay × 2^(n-1) (half of it
    /// random), capped at maxDelay. Seconds.
    public var baseDelay: Double
    public var maxDelay: Double

    public init(maxAttempts: Int = 5, baseDelay: Double = 0.25, maxDelay: Double = 20) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(0, maxDelay)
    }

    /// The pause before attempt `attempt + 1`, after `attempt` failed (1-based).
    func delay(afterAttempt attempt: Int) -> Double {
        let exp = baseDelay * Double(1 << min(max(attempt - 1, 0), 20))
        let capped = min(maxDelay, exp)
        return capped / 2 + Double.random(in: 0...1) * capped / 2
    }
}

/// Everything the client needs to reach a bucket.
public struct S3Config: Sendable {
    public var endpoint: S3Endpoint
    public var region: String
    public var credentials: S3Credentials
    /// Path-style (`endpoint/bucket/key`) rather than virtual-hosted
    /// (`bucket.endpoint/key`) addressing.
    public var pathStyle: Bool
    /// A PEM bundle of CA certificates to trust instead of the system's.
    public var caBundlePath: String?
    /// Verify the server's TLS certificate and host name.
    public var verifyTLS: Bool
    /// Seconds to establish a connection (TCP and TLS).
    public var connectTimeout: Double
    /// Seconds for a whole request; 0 means no limit beyond the stall limit.
    public var requestTimeout: Double
    /// A transfer slower than 1 KiB/s for this many seconds is abandoned
    /// (and retried); 0 disables the check.
    public var stallTimeout: Double
    public var retry: S3RetryPolicy

    public static let defaultRegion = "us-east-1"

    public init(
        endpoint: S3Endpoint,
        region: String = S3Config.defaultRegion,
        credentials: S3Credentials,
        pathStyle: Bool = true,
        caBundlePath: String? = nil,
        verifyTLS: Bool = true,
        connectTimeout: Double = 10,
        requestTimeout: Double = 900,
        stallTimeout: Double = 60,
        retry: S3RetryPolicy = S3RetryPolicy()
    ) {
        self.endpoint = endpoint
        self.region = region
        self.credentials = credentials
        self.pathStyle = pathStyle
        self.caBundlePath = caBundlePath
        self.verifyTLS = verifyTLS
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.stallTimeout = stallTimeout
        self.retry = retry
    }

    /// Same, with the endpoint as a URL string.
    public init(
        endpoint: String,
        region: String = S3Config.defaultRegion,
        accessKeyId: String,
        secretAccessKey: String,
        sessionToken: String? = nil,
        pathStyle: Bool = true
    ) throws {
        self.init(endpoint: try S3Endpoint(endpoint), region: region,
                  credentials: S3Credentials(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey,
                                             sessionToken: sessionToken),
                  pathStyle: pathStyle)
    }

    /// The variables `fromEnvironment` reads.
    public static let environmentNames = [
        "S3_ENDPOINT", "AWS_ENDPOINT_URL", "AWS_REGION", "S3_REGION", "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "S3_PATH_STYLE", "S3_CA_CERT", "SSL_CERT_FILE",
        "S3_VERIFY_SSL",
    ]

    /// The endpoint the environment names (S3_ENDPOINT, else AWS_ENDPOINT_URL), if any.
    public static func environmentEndpoint(_ env: [String: String]) -> String? {
        func value(_ k: String) -> String? {
            guard let v = env[k]?.trimmingSpaces(), !v.isEmpty else { return nil }
            return v
        }
        return value("S3_ENDPOINT") ?? value("AWS_ENDPOINT_URL")
    }

    /// Builds a configuration as the reference reads its environment:
    /// endpoint S3_ENDPOINT else AWS_ENDPOINT_URL (else AWS's regional
    /// endpoint); region AWS_REGION else S3_REGION else us-east-1;
    /// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (both required),
    /// AWS_SESSION_TOKEN; S3_PATH_STYLE true|false (default true);
    /// S3_CA_CERT (else SSL_CERT_FILE) as CA bundle; S3_VERIFY_SSL=false
    /// turns verification off. Empty values count as unset.
    public static func fromEnvironment(_ env: [String: String]) throws -> S3Config {
        func value(_ k: String) -> String? {
            guard let v = env[k]?.trimmingSpaces(), !v.isEmpty else { return nil }
            return v
        }
        let region = value("AWS_REGION") ?? value("S3_REGION") ?? defaultRegion
        let endpointText = environmentEndpoint(env) ?? "https://s3.\(region).amazonaws.com"
        let endpoint = try S3Endpoint(endpointText)
        guard let accessKey = value("AWS_ACCESS_KEY_ID"), let secret = value("AWS_SECRET_ACCESS_KEY") else {
            let missing = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"].filter { value($0) == nil }
            throw S3Error.configuration("S3 credentials missing: set \(missing.joined(separator: " and "))")
        }
        let pathStyle = try parseBool(value("S3_PATH_STYLE"), name: "S3_PATH_STYLE", default: true)
        let verify = try parseBool(value("S3_VERIFY_SSL"), name: "S3_VERIFY_SSL", default: true)
        let ca = value("S3_CA_CERT") ?? value("SSL_CERT_FILE")
        // A CA bundle matters only over TLS: an SSL_CERT_FILE set for other
        // tools must not break a run against a plain http endpoint.
        if let ca, endpoint.scheme == "https", access(ca, R_OK) != 0 {
            throw S3Error.configuration("S3 CA bundle '\(ca)' (\(value("S3_CA_CERT") == nil ? "SSL_CERT_FILE" : "S3_CA_CERT")) cannot be read")
        }
        return S3Config(
            endpoint: endpoint, region: region,
            credentials: S3Credentials(accessKeyId: accessKey, secretAccessKey: secret,
                                       sessionToken: value("AWS_SESSION_TOKEN")),
            pathStyle: pathStyle, caBundlePath: ca, verifyTLS: verify)
    }

    /// `fromEnvironment` over this process's environment.
    public static func fromEnvironment() throws -> S3Config {
        try fromEnvironment(processEnvironment(names: environmentNames))
    }

    static func processEnvironment(names: [String]) -> [String: String] {
        var env: [String: String] = [:]
        for n in names {
            if let p = getenv(n) { env[n] = String(cString: p) }
        }
        return env
    }

    static func parseBool(_ text: String?, name: String, default def: Bool) throws -> Bool {
        guard let text else { return def }
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw S3Error.configuration("\(name) must be true or false, not '\(text)'")
        }
    }
}

extension String {
    /// Without leading and trailing spaces, tabs, CR and LF (works on
    /// scalars: "\r\n" is one Character).
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(scalars[first...last])
    }
}
