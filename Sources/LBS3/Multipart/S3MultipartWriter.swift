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
public final class S3MultipartWriter: @unchecked Sendable {
    public let bucket: String
    public let key: String
    public let options: S3UploadOptions
    private let client: S3Client

    // Touched by the writing thread only. The first buffers grow from
    // 1 MiB up to a part, so small objects (or a part size meant as "one
    // PUT") cost no more memory than their bytes.
    private var current: UnsafeMutableRawPointer?
    private var currentCapacity = 0
    private var currentCount = 0
    private var uploadId: String?
    private var nextPartNumber = 1
    private var finished = false
    public private(set) var bytesWritten = 0

    // Shared with the part threads, under `monitor`.
    private let monitor = Monitor()
    private var inFlight = 0
    private var spareBuffers: [(UnsafeMutableRawPointer, Int)] = []
    private var completedParts: [S3CompletedPart] = []
    private var failure: Error?
    private let cancel = CancelFlag()
    /// Names this upload in the object's metadata (see completeMultipartUpload).
    private let token = Hex.string((0..<16).map { _ in UInt8.random(in: 0...255) })

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
        free(current)
        for b in spareBuffers { free(b.0) }
    }

    /// The multipart UploadId, once the object outgrew one part.
    public var multipartUploadId: String? { uploadId }

    /// Appends bytes; may block while `maxPartsInFlight` parts are uploading.
    /// Throws the first part failure (the upload is then beyond saving:
    /// call `abort`).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try checkUsable()
        var offset = 0
        while offset < bytes.count {
            if current == nil { (current, currentCapacity) = try takeBuffer() }
            if currentCount == currentCapacity {
                if currentCapacity < options.partSize {
                    try grow()
                } else {
                    try sendCurrentPart()
                }
                continue
            }
            let n = min(currentCapacity - currentCount, bytes.count - offset)
            (current! + currentCount).copyMemory(from: bytes.baseAddress! + offset, byteCount: n)
            currentCount += n
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
            if uploadId == nil {
                let body = UnsafeRawBufferPointer(start: current, count: currentCount)
                try client.putObject(bucket: bucket, key: key, body: body, contentType: options.contentType)
            } else {
                if currentCount > 0 { try sendCurrentPart() }
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
            releaseBuffers()
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
        releaseBuffers()
    }

    // MARK: Internals

    private func checkUsable() throws {
        if finished {
            throw S3Error(kind: .cancelled, operation: "Upload", target: "\(bucket)/\(key)",
                          endpoint: client.config.endpoint.description, message: "upload already committed or aborted")
        }
        if let failure = monitor.locked({ self.failure }) { throw failure }
    }

    private func takeBuffer() throws -> (UnsafeMutableRawPointer, Int) {
        if let b = monitor.locked({ spareBuffers.popLast() }) { return b }
        let capacity = min(options.partSize, 1 << 20)
        guard let buffer = malloc(capacity) else { throw outOfMemory(capacity) }
        return (buffer, capacity)
    }

    private func outOfMemory(_ capacity: Int) -> S3Error {
        S3Error(kind: .invalidResponse, operation: "Upload", target: "\(bucket)/\(key)",
                endpoint: client.config.endpoint.description,
                message: "out of memory for a \(capacity)-byte part buffer")
    }

    private func grow() throws {
        let capacity = min(options.partSize, max(currentCapacity * 2, 1 << 20))
        guard let bigger = realloc(current, capacity) else { throw outOfMemory(capacity) }
        current = bigger
        currentCapacity = capacity
    }

    private func releaseBuffers() {
        monitor.locked {
            for b in spareBuffers { free(b.0) }
            spareBuffers.removeAll()
        }
        free(current)
        current = nil
        currentCapacity = 0
        currentCount = 0
    }

    /// Hands the current buffer to a part thread, starting the multipart
    /// upload first if needed and waiting for a free slot.
    private func sendCurrentPart() throws {
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
        let job = PartJob(buffer: current!, capacity: currentCapacity, count: currentCount)
        current = nil
        currentCapacity = 0
        currentCount = 0
        let id = uploadId!
        let run = { [self] in self.upload(job, partNumber: partNumber, uploadId: id) }
        if !WorkerThread.detach(run) { run() }
    }

    private struct PartJob: @unchecked Sendable {
        let buffer: UnsafeMutableRawPointer
        let capacity: Int
        let count: Int
    }

    private func upload(_ job: PartJob, partNumber: Int, uploadId: String) {
        let result: Result<S3CompletedPart, Error>
        do {
            let part = try client.uploadPart(bucket: bucket, key: key, uploadId: uploadId, partNumber: partNumber,
                                             body: UnsafeRawBufferPointer(start: job.buffer, count: job.count),
                                             cancel: cancel)
            result = .success(part)
        } catch {
            result = .failure(error)
        }
        monitor.locked {
            switch result {
            case .success(let part): completedParts.append(part)
            case .failure(let error): if failure == nil { failure = error }
            }
            spareBuffers.append((job.buffer, job.capacity))
            inFlight -= 1
            monitor.broadcast()
        }
    }
}
