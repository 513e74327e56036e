import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHost

/// Where the files go. Local output is the embedded default: chosen by
/// --output or DG_LOCAL_DIR, or when no bucket and no S3 endpoint is set.
/// Local keys mirror S3: `<folder>/<bucket>/<prefix>/part-NNNNNN.parquet`.
/// `--output s3://bucket/prefix` is S3 output, the URL naming bucket and
/// prefix. `--output /dev/null` makes every file and keeps none (a benchmark
/// of the generator alone).
enum OutputChoice: CustomStringConvertible {
    case local(directory: String, bucket: String)
    /// `prefix`: the one an s3:// URL named, if any.
    case s3(bucket: String, prefix: String?)
    case discard

    static let defaultBucket = "lakebench-bronze"
    static let defaultLocalDirectory = "./output"

    static func resolve(output: String?, bucket: String?, prefix: String?) throws -> OutputChoice {
        if let bucket {
            try checkBucket(bucket, flag: "--bucket")
        }
        if let directory = output ?? Environment.value("DG_LOCAL_DIR") {
            guard !directory.isEmpty else { throw UsageError("--output must name a folder") }
            if directory.hasPrefix("s3://") { return try s3URL(directory, bucket: bucket, prefix: prefix) }
            if let scheme = directory.firstRange(of: "://"), !directory.hasPrefix("file://"),
               directory[..<scheme.lowerBound].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) {
                throw UsageError("--output takes a folder, a file:// URL or s3://bucket/prefix, got '\(directory)'")
            }
            if Self.isDiscard(directory) { return .discard }
            return .local(directory: directory, bucket: bucket ?? defaultBucket)
        }
        if bucket == nil && !S3ObjectStore.environmentNamesEndpoint(ProcessInfo.processInfo.environment) {
            return .local(directory: defaultLocalDirectory, bucket: defaultBucket)
        }
        return .s3(bucket: bucket ?? defaultBucket, prefix: nil)
    }

    /// `s3://bucket[/prefix]`: a bucket or prefix also given by flag must agree.
    static func s3URL(_ url: String, bucket: String?, prefix: String?) throws -> OutputChoice {
        let rest = url.dropFirst("s3://".count)
        let name = String(rest.prefix { $0 != "/" })
        let path = rest.dropFirst(name.count).split(separator: "/").joined(separator: "/")
        try checkBucket(name, flag: "--output \(url)")
        if let bucket, bucket != name {
            throw UsageError("--bucket \(bucket) and --output \(url) name different buckets")
        }
        if !path.isEmpty, prefix != nil {
            throw UsageError("give the prefix once: in --output \(url) or as --prefix, not both")
        }
        return .s3(bucket: name, prefix: path.isEmpty ? nil : path)
    }

    /// A bucket is one path segment: with local output it is a folder
    /// under --output, so "." or ".." would write beside or above it.
    static func checkBucket(_ bucket: String, flag: String) throws {
        guard !bucket.isEmpty, !bucket.contains("/"), bucket != ".", bucket != "..",
              !bucket.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else {
            throw UsageError("\(flag) must name a bucket, got '\(bucket)'")
        }
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

    /// The bucket written to (locally: the first folder); nil for /dev/null.
    var bucket: String? {
        switch self {
        case .local(_, let bucket), .s3(let bucket, _): bucket
        case .discard: nil
        }
    }

    /// The bucket becomes the first folder of local keys.
    var keyRoot: String {
        switch self {
        case .local(_, let bucket): bucket
        case .s3, .discard: ""
        }
    }

    /// The prefix an s3:// URL named.
    var urlPrefix: String? {
        if case .s3(_, let prefix) = self { return prefix }
        return nil
    }

    var description: String {
        switch self {
        case .local(let directory, let bucket): "file://\(directory)/\(bucket)"
        case .s3(let bucket, _): "s3://\(bucket)"
        case .discard: DiscardObjectStore.path
        }
    }

    /// `environment`: the S3 settings, as the process's environment with the S3 flags over it.
    func makeStore(deliveryMode: DeliveryMode?, fileBytes: Double, environment: [String: String]) throws -> ObjectStore {
        switch self {
        case .local(let directory, _):
            return LocalObjectStore(root: directory)
        case .s3(let bucket, _):
            return try S3ObjectStore(bucket: bucket, environment: environment,
                                     deliveryMode: deliveryMode, fileBytes: fileBytes)
        case .discard:
            return DiscardObjectStore()
        }
    }
}
