// Client configuration, and its construction from the environment the
// reference generator reads (see spec/cli.md, "Environment the reference reads").
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHTTP

/// Everything the client needs to reach a bucket.
public struct S3Config: Sendable {
    public var endpoint: S3Endpoint
    public var region: String
    public var credentials: S3Credentials
    /// Path-style (`endpoint/bucket/key`) rather than virtual-hosted
    /// (`bucket.endpoint/key`) addressing.
    public var pathStyle: Bool
    /// Timeouts and TLS verification (a stalled transfer is retried).
    public var transport: HTTPTransportConfiguration
    public var retry: S3RetryPolicy
    /// The checksum each uploaded body carries (S3_CHECKSUM).
    public var checksum: S3Checksum
    /// Sign each uploaded body's SHA-256 (S3_SIGN_PAYLOAD) rather than send
    /// UNSIGNED-PAYLOAD. The checksum guards the bytes either way; signing
    /// also proves who sent them, at about 0.5 ns a byte.
    public var signPayload: Bool
    /// Send a CRC checksum as a trailer after the body (S3_CHECKSUM_TRAILER,
    /// the aws-chunked framing AWS's SDKs use), taken as the bytes go out,
    /// rather than as a header, which takes a pass over the body before
    /// sending it. Applies to CRC-32C and CRC-64/NVME on unsigned payloads.
    public var checksumTrailer: Bool

    public static let defaultRegion = "us-east-1"

    public init(
        endpoint: S3Endpoint,
        region: String = S3Config.defaultRegion,
        credentials: S3Credentials,
        pathStyle: Bool = true,
        transport: HTTPTransportConfiguration = HTTPTransportConfiguration(),
        retry: S3RetryPolicy = S3RetryPolicy(),
        checksum: S3Checksum = .crc32c,
        signPayload: Bool = false,
        checksumTrailer: Bool = true
    ) {
        self.endpoint = endpoint
        self.region = region
        self.credentials = credentials
        self.pathStyle = pathStyle
        self.transport = transport
        self.retry = retry
        self.checksum = checksum
        self.signPayload = signPayload
        self.checksumTrailer = checksumTrailer
    }

    /// The trailer each uploaded body carries its checksum in, when it goes as one.
    public var uploadTrailer: HTTPTrailer? {
        guard checksumTrailer, !signPayload, let algorithm = checksum.runningAlgorithm else { return nil }
        return HTTPTrailer(name: checksum.header, checksum: algorithm)
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
        "S3_VERIFY_SSL", "S3_CHECKSUM", "S3_SIGN_PAYLOAD", "S3_CHECKSUM_TRAILER",
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
    /// turns verification off; S3_CHECKSUM crc32c|crc64nvme|md5 (default
    /// crc32c), S3_SIGN_PAYLOAD true|false (default false) and
    /// S3_CHECKSUM_TRAILER true|false (default true) choose how bodies are
    /// guarded. Empty values count as unset.
    public static func fromEnvironment(_ env: [String: String]) throws -> S3Config {
        func value(_ k: String) -> String? {
            guard let v = env[k]?.trimmingSpaces(), !v.isEmpty else { return nil }
            return v
        }
        let region = value("AWS_REGION") ?? value("S3_REGION") ?? defaultRegion
        // The region is part of every signature: a malformed one would be
        // reported by the server as a credentials problem.
        if !isRegionName(region) {
            let name = value("AWS_REGION") != nil ? "AWS_REGION" : "S3_REGION"
            throw S3Error.configuration("\(name) '\(region)' is not a region name (letters, digits, '-', '_' and '.' only, like us-east-1)")
        }
        let endpointText = environmentEndpoint(env) ?? "https://s3.\(region).amazonaws.com"
        let endpoint = try S3Endpoint(endpointText)
        guard let accessKey = value("AWS_ACCESS_KEY_ID"), let secret = value("AWS_SECRET_ACCESS_KEY") else {
            let missing = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"].filter { value($0) == nil }
            throw S3Error.configuration("S3 credentials missing: set \(missing.joined(separator: " and "))")
        }
        let pathStyle = try parseBool(value("S3_PATH_STYLE"), name: "S3_PATH_STYLE", default: true)
        let verify = try parseBool(value("S3_VERIFY_SSL"), name: "S3_VERIFY_SSL", default: true)
        let signPayload = try parseBool(value("S3_SIGN_PAYLOAD"), name: "S3_SIGN_PAYLOAD (--s3-sign-payload)", default: false)
        let trailer = try parseBool(value("S3_CHECKSUM_TRAILER"), name: "S3_CHECKSUM_TRAILER (--s3-checksum-trailer)",
                                    default: true)
        var checksum = S3Checksum.crc32c
        if let text = value("S3_CHECKSUM") {
            guard let chosen = S3Checksum(rawValue: text.lowercased()) else {
                throw S3Error.configuration("S3_CHECKSUM (--s3-checksum) must be crc32c, crc64nvme or md5, not '\(text)'")
            }
            checksum = chosen
        }
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
            pathStyle: pathStyle, transport: HTTPTransportConfiguration(verifyTLS: verify, caBundlePath: ca),
            checksum: checksum, signPayload: signPayload, checksumTrailer: trailer)
    }

    /// AWS's regions (us-east-1) and the names other stores use (garage,
    /// eu_west, fr-par.1): no spaces, no slashes, nothing a signature's
    /// scope cannot carry.
    static func isRegionName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64 && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || $0 == "-" || $0 == "_" || $0 == "."
        }
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
