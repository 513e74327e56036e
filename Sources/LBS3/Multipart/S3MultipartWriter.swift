// A streaming upload: bytes are appended as they are made; each full part
// goes up on a background thread while the caller keeps writing.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHTTP
import LBSync

/// Writes one object. An object no bigger than one part goes as a single
/// PutObject at `commit`; a bigger one as a multipart upload whose parts
/// (each with its checksum) upload in the background, at most
/// `maxPartsInFlight` at a time. `commit` completes the upload only when
/// every part succeeded, and aborts it otherwise; nothing appears under the
/// key unless complete. Use from one thread at a time.
///
/// A part is a list of segments, never one joined buffer: bytes written
/// with an owner (the encoder's page buffers) are sent from where they lie,
/// kept alive by that owner until their part is up; other bytes are copied
/// into small staging blocks. So a part costs no copy of its own.
public final class S3MultipartWriter: @unchecked Sendable {
    public let bucket: String
    public let key: String
    public let options: S3UploadOptions
    private let client: S3Client

    // Touched by the writing thread only.
    private var part = PartSegments()
    private var staging: StagingBlock?
    private var uploadId: String?
    private var nextPartNumber = 1
    private var finished = false
    public private(set) var bytesWritten = 0

    // Shared with the part threads, under `monitor`.
    private let monitor = Monitor()
    private var inFlight = 0
    private var completedParts: [S3CompletedPart] = []
    private var failure: Error?
    private let cancel = CancelFlag()
    /// Names this upload in the object's metadata (see completeMultipartUpload).
    private let token = Hex.string((0..<16).map { _ in UInt8.random(in: 0...255) })

    /// Owned bytes shorter than this are copied: a segment per dictionary
    /// page or tiny column would cost more in bookkeeping than the copy.
    static let smallestKeptSegment = 64 << 10

    init(client: S3Client, bucket: String, key: String, options: S3UploadOptions) throws {
        guard options.partSize >= S3UploadOptions.minimumPartSize,
              options.partSize <= S3UploadOptions.maximumPartSize else {
            throw S3Error.configuration("S3 part size must be between 5 MiB and 5 GiB, not \(options.partSize) bytes")
        }
        guard options.maxPartsInFlight >= 1 else {
            throw S3Error.configuration("S3 parts in flight must be at least 1, not \(options.maxPartsInFlight)")
        }
        self.client = client
        self.bucket = bucket
        self.key = key
        self.options = options
    }

    deinit {
        if !finished { abort() }
    }

    /// The multipart UploadId, once the object outgrew one part.
    public var multipartUploadId: String? { uploadId }

    /// Appends a copy of `bytes`; may block while `maxPartsInFlight` parts
    /// are uploading. Throws the first part failure (the upload is then
    /// beyond saving: call `abort`).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try checkUsable()
        var offset = 0
        while offset < bytes.count {
            if partBytes == options.partSize { try sendCurrentPart() }
            if staging == nil || staging!.room == 0 {
                sealStaging()
                staging = StagingBlock(capacity: StagingBlock.standardCapacity)
            }
            let n = min(options.partSize - partBytes, bytes.count - offset, staging!.room)
            staging!.append(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n]))
            offset += n
            bytesWritten += n
        }
    }

    /// Appends `bytes` without copying them: `owner` keeps them alive and
    /// unchanged until the parts holding them are uploaded.
    public func write(_ bytes: UnsafeRawBufferPointer, keepingAlive owner: AnyObject) throws {
        guard bytes.count >= Self.smallestKeptSegment else { return try write(bytes) }
        try checkUsable()
        sealStaging()
        var offset = 0
        while offset < bytes.count {
            if partBytes == options.partSize { try sendCurrentPart() }
            let n = min(options.partSize - partBytes, bytes.count - offset)
            part.append(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n]), owner: owner)
            offset += n
            bytesWritten += n
        }
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Uploads what is left and makes the object visible. On failure the
    /// multipart upload is aborted and the error thrown.
    public func commit() throws {
        try checkUsable()
        do {
            sealStaging()
            if uploadId == nil {
                try client.putObject(bucket: bucket, key: key, body: part.body, contentType: options.contentType)
            } else {
                if partBytes > 0 { try sendCurrentPart() }
                let parts: [S3CompletedPart] = try monitor.locked {
                    monitor.wait(until: { inFlight == 0 })
                    if let failure { throw failure }
                    return completedParts
                }
                guard parts.count == nextPartNumber - 1 else {
                    throw S3Error(kind: .invalidResponse, operation: "CompleteMultipartUpload", target: "\(bucket)/\(key)",
                                  endpoint: client.config.endpoint.description,
                                  message: "\(parts.count) of \(nextPartNumber - 1) parts uploaded")
                }
                try client.completeMultipartUpload(bucket: bucket, key: key, uploadId: uploadId!, parts: parts,
                                                   token: token)
            }
            finished = true
            release()
        } catch {
            abort()
            throw error
        }
    }

    /// Stops the part uploads, aborts the multipart upload; never throws.
    public func abort() {
        guard !finished else { return }
        finished = true
        cancel.set()
        monitor.locked {
            monitor.wait(until: { inFlight == 0 })
        }
        if let uploadId {
            try? client.abortMultipartUpload(bucket: bucket, key: key, uploadId: uploadId)
        }
        release()
    }

    // MARK: Internals

    private func checkUsable() throws {
        if finished {
            throw S3Error(kind: .cancelled, operation: "Upload", target: "\(bucket)/\(key)",
                          endpoint: client.config.endpoint.description, message: "upload already committed or aborted")
        }
        if let failure = monitor.locked({ self.failure }) { throw failure }
    }

    /// Bytes of the part being filled, staged ones included.
    private var partBytes: Int { part.count + (staging?.unsealedCount ?? 0) }

    /// Turns the staged bytes not yet in a segment into one.
    private func sealStaging() {
        guard let staging, let bytes = staging.takeUnsealed() else { return }
        part.append(bytes, owner: staging)
    }

    private func release() {
        part = PartSegments()
        staging = nil
    }

    /// Hands the current part to a part thread, starting the multipart
    /// upload first if needed and waiting for a free slot.
    private func sendCurrentPart() throws {
        sealStaging()
        if uploadId == nil {
            let started = Clock.nanoseconds()
            let (id, attempts) = try client.startMultipartUpload(bucket: bucket, key: key,
                                                                 contentType: options.contentType, token: token)
            uploadId = id
            // A request whose answer was lost may have started an upload
            // nobody knows about: only those go, never another writer's.
            if attempts > 1 {
                client.abortLostStarts(bucket: bucket, key: key, keeping: id,
                                       seconds: Double(Clock.nanoseconds() - started) / 1e9)
            }
        }
        let partNumber = nextPartNumber
        guard partNumber <= S3UploadOptions.maximumPartCount else {
            throw S3Error(kind: .invalidResponse, operation: "UploadPart", target: "\(bucket)/\(key)",
                          endpoint: client.config.endpoint.description,
                          message: "more than \(S3UploadOptions.maximumPartCount) parts; use a larger part size")
        }
        try monitor.locked {
            monitor.wait(until: { inFlight < options.maxPartsInFlight || failure != nil })
            if let failure { throw failure }
            inFlight += 1
        }
        nextPartNumber += 1
        let job = PartJob(part)
        part = PartSegments()
        let id = uploadId!
        let run = { [self] in self.upload(job, partNumber: partNumber, uploadId: id) }
        if !WorkerThread.detach(run) { run() }
    }

    /// A part on its way: its segments, released as soon as it is up.
    private final class PartJob: @unchecked Sendable {
        private(set) var segments: PartSegments?

        init(_ segments: PartSegments) { self.segments = segments }

        func release() { segments = nil }
    }

    private func upload(_ job: PartJob, partNumber: Int, uploadId: String) {
        let result: Result<S3CompletedPart, Error>
        do {
            let completed = try client.uploadPart(bucket: bucket, key: key, uploadId: uploadId,
                                                  partNumber: partNumber, body: job.segments!.body, cancel: cancel)
            result = .success(completed)
        } catch {
            result = .failure(error)
        }
        // The owners go (page blocks back to their pool) before the slot
        // frees: no more than maxPartsInFlight sent parts are ever held.
        job.release()
        monitor.locked {
            switch result {
            case .success(let part): completedParts.append(part)
            case .failure(let error): if failure == nil { failure = error }
            }
            inFlight -= 1
            monitor.broadcast()
        }
    }
}
