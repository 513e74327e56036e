import Foundation
import LBHost

/// Where the files go. Local output is the embedded default: chosen by
/// --output or DG_LOCAL_DIR, or when no bucket and no S3 endpoint is set.
/// Local keys mirror S3: `<folder>/<bucket>/<prefix>/part-NNNNNN.parquet`.
/// `--output /dev/null` makes every file and keeps none (a benchmark of the
/// generator alone).
enum OutputChoice: CustomStringConvertible {
    case local(directory: String, bucket: String)
    case s3(bucket: String)
    case discard

    static let defaultBucket = "lakebench-bronze"
    static let defaultLocalDirectory = "./output"

    static func resolve(output: String?, bucket: String?) throws -> OutputChoice {
        if let bucket, bucket.isEmpty || bucket.contains("/") {
            throw UsageError("--bucket must be a bucket name, got '\(bucket)'")
        }
        if let directory = output ?? Environment.value("DG_LOCAL_DIR") {
            guard !directory.isEmpty else { throw UsageError("--output must name a folder") }
            if Self.isDiscard(directory) { return .discard }
            return .local(directory: directory, bucket: bucket ?? defaultBucket)
        }
        let endpoint = Environment.value("S3_ENDPOINT") ?? Environment.value("AWS_ENDPOINT_URL")
        if bucket == nil && endpoint == nil {
            return .local(directory: defaultLocalDirectory, bucket: defaultBucket)
        }
        return .s3(bucket: bucket ?? defaultBucket)
    }

    /// /dev/null, also as a file:// URL or with a trailing slash.
    static func isDiscard(_ directory: String) -> Bool {
        var path = LocalObjectStore.path(of: directory)
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path == DiscardObjectStore.path
    }

    /// False for /dev/null: no checkpoint, nothing to resume.
    var keepsFiles: Bool {
        if case .discard = self { return false }
        return true
    }

    /// The bucket becomes the first folder of local keys.
    var keyRoot: String {
        switch self {
        case .local(_, let bucket): bucket
        case .s3, .discard: ""
        }
    }

    var description: String {
        switch self {
        case .local(let directory, let bucket): "file://\(directory)/\(bucket)"
        case .s3(let bucket): "s3://\(bucket)"
        case .discard: DiscardObjectStore.path
        }
    }

    func makeStore(deliveryMode: String?, fileBytes: Double) throws -> ObjectStore {
        switch self {
        case .local(let directory, _):
            return LocalObjectStore(root: directory)
        case .s3(let bucket):
            return try S3Output.makeStore(bucket: bucket, deliveryMode: deliveryMode, fileBytes: fileBytes)
        case .discard:
            return DiscardObjectStore()
        }
    }
}
