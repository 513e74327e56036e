// The S3 operations the generator needs (in Operations/), signed with
// Signature V4, sent over the HTTP transport, retried with exponential
// backoff and jitter.
import LBHTTP

public final class S3Client: Sendable {
    public let config: S3Config
    let transport: CurlTransport
    /// Time spent sending object bodies (see S3TransferTimings).
    public let transfers = S3TransferTimings()

    public init(config: S3Config) {
        self.config = config
        self.transport = CurlTransport(configuration: config.transport)
    }

    /// Reads the configuration from the environment (see `S3Config.fromEnvironment`).
    public convenience init(environment: [String: String]) throws {
        self.init(config: try S3Config.fromEnvironment(environment))
    }

    func invalid(_ op: String, _ bucket: String, _ key: String?, _ message: String, _ r: HTTPResponse) -> S3Error {
        S3Error(kind: .invalidResponse, operation: op, target: target(bucket, key), endpoint: config.endpoint.description,
                status: r.status, message: message)
    }

    func target(_ bucket: String, _ key: String?) -> String {
        key.map { "\(bucket)/\($0)" } ?? bucket
    }
}
