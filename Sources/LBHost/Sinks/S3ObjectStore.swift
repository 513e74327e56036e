import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHTTP
import LBParquet
import LBS3
import LBSync

/// An S3 bucket as an object store. Keys are object keys in the bucket
/// ("prefix/part-000000.parquet"). Objects stream out as multipart uploads
/// (an object that fits in one part goes as a single PUT at commit), and
/// exist under their key only once complete.
public final class S3ObjectStore: ObjectStore {
    public let client: S3Client
    public let bucket: String
    public let uploadOptions: S3UploadOptions
    /// Uploads open at the start of a resumed run, by key: each goes once an
    /// object of ours stands under its key (see `removeLeftovers`).
    private let superseded = Lock()
    nonisolated(unsafe) private var supersededUploads: [String: [String]] = [:]

    public var location: String { "s3://\(bucket)" }

    public init(client: S3Client, bucket: String, uploadOptions: S3UploadOptions = S3UploadOptions()) {
        self.client = client
        self.bucket = bucket
        self.uploadOptions = uploadOptions
    }

    /// Configured as the reference reads its environment (S3_ENDPOINT or
    /// AWS_ENDPOINT_URL, AWS_REGION or S3_REGION, AWS_ACCESS_KEY_ID,
    /// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, S3_PATH_STYLE, S3_CA_CERT,
    /// S3_VERIFY_SSL, S3_CHECKSUM, S3_SIGN_PAYLOAD). `partSize` and
    /// `maxPartsInFlight` default to S3UploadOptions' (16 MiB, 4);
    /// S3_PART_SIZE_MB and S3_PARTS_IN_FLIGHT, when set, win over both.
    public convenience init(bucket: String, environment: [String: String],
                            partSize: Int? = nil, maxPartsInFlight: Int? = nil) throws {
        let config = try S3Config.fromEnvironment(environment)
        var options = S3UploadOptions()
        if let partSize { options.partSize = partSize }
        if let maxPartsInFlight { options.maxPartsInFlight = maxPartsInFlight }
        func setting(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingSpaces(), !text.isEmpty else { return nil }
            return text
        }
        let maxPartMiB = S3UploadOptions.maximumPartSize >> 20
        if let text = setting("S3_PART_SIZE_MB") {
            guard let mib = Double(text), mib >= 5, mib <= Double(maxPartMiB) else {
                throw HostError("S3_PART_SIZE_MB (--s3-part-size-mb) must be between 5 and \(maxPartMiB) MiB, not '\(text)'")
            }
            options.partSize = Int(mib * 1_048_576)
        }
        if let text = setting("S3_PARTS_IN_FLIGHT") {
            guard let count = Int(text), (1...Self.maximumPartsInFlight).contains(count) else {
                throw HostError("S3_PARTS_IN_FLIGHT (--s3-parts-in-flight) must be between 1 and \(Self.maximumPartsInFlight), not '\(text)'")
            }
            options.maxPartsInFlight = count
        }
        guard options.partSize >= S3UploadOptions.minimumPartSize,
              options.partSize <= S3UploadOptions.maximumPartSize else {
            throw HostError("S3 part size must be between 5 MiB and 5 GiB, not \(options.partSize) bytes")
        }
        guard options.maxPartsInFlight >= 1 else {
            throw HostError("S3 parts in flight must be at least 1, not \(options.maxPartsInFlight)")
        }
        self.init(client: S3Client(config: config), bucket: bucket, uploadOptions: options)
    }

    /// Each worker's upload holds up to (parts in flight + 1) parts.
    public static let maximumPartsInFlight = 64

    /// Parts in flight and the one being filled send from the encoder's
    /// page blocks rather than copies (each part keeps a block or two more
    /// alive than its own bytes: blocks are 4 MiB).
    public var bytesHeldPerUpload: Int { (uploadOptions.maxPartsInFlight + 1) * uploadOptions.partSize }

    public var transferSeconds: (wall: Double, cpu: Double)? {
        let totals = client.transfers.totals
        return (Double(totals.wallNanoseconds) / 1e9, Double(totals.cpuNanoseconds) / 1e9)
    }

    public func preflight() throws {
        let endpoint = client.config.endpoint.description
        do {
            try client.headBucket(bucket)
        } catch let e as S3Error {
            switch e.kind {
            case .http where e.status == 404:
                throw HostError("S3 bucket \(bucket) does not exist at \(endpoint)")
            case .http where e.status == 403:
                var what = "403"
                if let code = e.code, code != "Forbidden" { what += " \(code)" }
                if !e.message.isEmpty { what += ": \(e.message)" }
                let hint = e.code == "AccessDenied"
                    ? "the credentials may not use this bucket"
                    : "check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                throw HostError("S3 bucket \(bucket) at \(endpoint): access denied (\(what)); \(hint)")
            case .http where e.status == 301 || e.status == 307 || e.status == 400:
                throw HostError("S3 bucket \(bucket) at \(endpoint): \(e.status!) \(e.code ?? "") \(e.message); check AWS_REGION/S3_REGION and S3_PATH_STYLE")
            case .connection:
                throw HostError("S3 bucket \(bucket): cannot connect to \(endpoint) (\(e.message)); check S3_ENDPOINT")
            case .tls where client.config.transport.verifyTLS:
                throw HostError("S3 bucket \(bucket): TLS failure with \(endpoint) (\(e.message)); set S3_CA_CERT to the CA bundle or S3_VERIFY_SSL=false")
            case .tls:
                // Verification is already off: the handshake itself failed.
                throw HostError("S3 bucket \(bucket): TLS failure with \(endpoint) (\(e.message)) with certificate verification already off (S3_VERIFY_SSL=false); check that the endpoint serves HTTPS on that port, or use http://")
            default:
                throw HostError(e.description)
            }
        }
        try probeUploadSettings()
    }

    /// Sends one part the way the run will (see S3Client.probeUpload) when
    /// the settings are not the plain Content-MD5 and signed payload every
    /// store takes, and names the settings to use if the store refuses it.
    private func probeUploadSettings() throws {
        let config = client.config
        guard config.checksum != .md5 || !config.signPayload else { return }
        do {
            try client.probeUpload(bucket: bucket)
        } catch let e as S3Error where e.kind == .http && e.status == 403 {
            return  // credentials that may write only under the prefix: the run itself will tell
        } catch let e as S3Error where (e.kind == .http && [400, 501].contains(e.status) && e.operation == "UploadPart")
                    || (e.kind == .invalidResponse && e.operation == "ListParts") {
            // The trial part itself was refused, or kept with its framing.
            let trailer = config.uploadTrailer != nil
            var sent = ["a \(config.checksum.rawValue) checksum \(trailer ? "trailer (aws-chunked)" : "header")"]
            if !config.signPayload { sent.append("an unsigned payload") }
            let answer = e.kind == .http ? "\(e.status!) \(e.code ?? "")\(e.message.isEmpty ? "" : ": " + e.message)" : e.message
            let fix = "set S3_CHECKSUM=md5 and S3_SIGN_PAYLOAD=true (--s3-checksum md5 --s3-sign-payload true)"
            throw HostError("S3 bucket \(bucket) at \(config.endpoint.description) "
                + (e.kind == .http ? "refused" : "mishandled") + " an upload part with "
                + "\(sent.joined(separator: " and ")) (\(answer)); "
                + (trailer ? "set S3_CHECKSUM_TRAILER=false (--s3-checksum-trailer false) to send the checksum as a "
                    + "header, or for a store that knows no checksum headers " + fix : fix))
        } catch let e as S3Error where e.kind == .http && [400, 501].contains(e.status) {
            // CreateMultipartUpload (it announces the CRC's algorithm) or ListParts.
            throw HostError("S3 bucket \(bucket) at \(config.endpoint.description) refused the preflight's trial upload "
                + "at \(e.operation) (\(e.status!) \(e.code ?? "")\(e.message.isEmpty ? "" : ": " + e.message)); "
                + "set S3_CHECKSUM=md5 and S3_SIGN_PAYLOAD=true (--s3-checksum md5 --s3-sign-payload true)")
        } catch let e as S3Error {
            throw HostError("S3 bucket \(bucket): the trial upload of the preflight failed: \(e.description)")
        }
    }

    public func create(key: String) throws -> ObjectUpload {
        let leftovers = superseded.locked { supersededUploads.removeValue(forKey: key) ?? [] }
        return S3ObjectUpload(try client.makeWriter(bucket: bucket, key: key, options: uploadOptions),
                              client: client, supersedes: leftovers)
    }

    public func size(key: String) throws -> Int? {
        do {
            return try client.headObject(bucket: bucket, key: key)?.size
        } catch let e as S3Error {
            throw HostError(e.description)
        }
    }

    public func read(key: String, range: Range<Int>) throws -> [UInt8] {
        do {
            return try client.getObject(bucket: bucket, key: key, range: range)
        } catch let e as S3Error {
            throw HostError(e.description)
        }
    }

    /// Keys of every object under `prefix` ("dir" lists "dir/…"), sorted.
    public func list(prefix: String) throws -> [String] {
        do {
            return try client.listObjects(bucket: bucket, prefix: Self.directoryPrefix(prefix)).map(\.key).sorted()
        } catch let e as S3Error {
            throw HostError(e.description)
        }
    }

    /// Deals with the multipart uploads open under `prefix` for the keys
    /// `belongs` accepts. A killed run leaves them; so does a run of the same node still going
    /// (Kubernetes may start a pod while the last one is terminating), whose
    /// uploads must live. So only a provably stale upload goes: one begun
    /// before the complete object now under its key (aborted now), or one
    /// open at this run's start whose key this run then writes (aborted once
    /// our object stands there; a live writer has finished the same bytes
    /// by then, or completes them over ours). Returns how many.
    public func removeLeftovers(prefix: String, belongs: (String) -> Bool) throws -> Int {
        do {
            let open = try client.listMultipartUploads(bucket: bucket, prefix: Self.directoryPrefix(prefix))
                .filter { belongs($0.key) }
            guard !open.isEmpty else { return 0 }
            let objects = Dictionary(try client.listObjects(bucket: bucket, prefix: Self.directoryPrefix(prefix))
                .map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            var count = 0
            for upload in open {
                if let object = objects[upload.key] {
                    guard let initiated = upload.initiated, let made = object.lastModified, initiated < made else { continue }
                    try client.abortMultipartUpload(bucket: bucket, key: upload.key, uploadId: upload.uploadId)
                } else {
                    superseded.locked { supersededUploads[upload.key, default: []].append(upload.uploadId) }
                }
                count += 1
            }
            return count
        } catch let e as S3Error {
            throw HostError(e.description)
        }
    }

    static func directoryPrefix(_ prefix: String) -> String {
        prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
    }
}

/// One object being uploaded.
final class S3ObjectUpload: ObjectUpload {
    private let writer: S3MultipartWriter
    private let client: S3Client
    private let supersedes: [String]

    /// `supersedes`: uploads of the key left open before this run, aborted
    /// once this object is complete.
    init(_ writer: S3MultipartWriter, client: S3Client, supersedes: [String]) {
        self.writer = writer
        self.client = client
        self.supersedes = supersedes
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try writer.write(bytes)
    }

    func write(_ bytes: UnsafeRawBufferPointer, keepingAlive owner: AnyObject) throws {
        try writer.write(bytes, keepingAlive: owner)
    }

    func commit() throws {
        try writer.commit()
        for uploadId in supersedes {
            try? client.abortMultipartUpload(bucket: writer.bucket, key: writer.key, uploadId: uploadId)
        }
    }

    func abort() {
        writer.abort()
    }
}
