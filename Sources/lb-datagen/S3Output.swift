import LBHost

/// S3 output, configured from the environment.
enum S3Output {
    static func makeStore(bucket: String) throws -> ObjectStore {
        throw HostError("S3 output is not wired in yet; use --output DIR")
    }
}
