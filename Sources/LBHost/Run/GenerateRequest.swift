import LBParquet

/// Everything a run needs, resolved from flags and environment.
public struct GenerateRequest: Sendable {
    /// How much to make across all nodes.
    public enum Size: Sendable, Hashable {
        /// Total bytes: files = max(1, floor(bytes / file size)).
        case bytes(Double)
        /// Exact total rows; the last file holds the remainder.
        case rows(Int)
    }

    public var domain: String
    public var parameters: [String: String]
    public var seed: UInt64
    public var size: Size
    public var fileBytes: Double
    public var rowGroupBytes: Int
    public var workers: Int
    public var nodeID: Int
    public var totalNodes: Int
    public var cycle: Int
    public var cycles: Int
    public var mode: RunMode
    /// Continuous mode: seconds from the start after which no new file is begun
    /// and the one in flight is abandoned. Nil: stop after the planned files.
    public var duration: Double?
    /// S3 uploads; nil keeps the store's defaults.
    public var deliveryMode: DeliveryMode?
    /// Key prefix; nil means the domain's default.
    public var prefix: String?
    /// Prepended to the prefix inside the store (the bucket, for local output).
    public var keyRoot: String
    public var compression: Compression
    /// Column chunks the codec would not shrink go uncompressed (WriterOptions.storeIncompressible).
    public var storeIncompressible = false
    public var resume: Bool
    /// Nil: no checkpoint file (output that keeps nothing).
    public var checkpointPath: String?

    public init(
        domain: String, parameters: [String: String] = [:], seed: UInt64 = 42, size: Size,
        fileBytes: Double, rowGroupBytes: Int = 64 << 20, workers: Int = 1, nodeID: Int = 0,
        totalNodes: Int = 1, cycle: Int = 0, cycles: Int = 1, mode: RunMode = .batch, duration: Double? = nil,
        deliveryMode: DeliveryMode? = nil, prefix: String? = nil, keyRoot: String = "",
        compression: Compression = .snappy, resume: Bool = false, checkpointPath: String? = ".datagen_checkpoint.json"
    ) {
        self.domain = domain
        self.parameters = parameters
        self.seed = seed
        self.size = size
        self.fileBytes = fileBytes
        self.rowGroupBytes = rowGroupBytes
        self.workers = workers
        self.nodeID = nodeID
        self.totalNodes = totalNodes
        self.cycle = cycle
        self.cycles = cycles
        self.mode = mode
        self.duration = duration
        self.deliveryMode = deliveryMode
        self.prefix = prefix
        self.keyRoot = keyRoot
        self.compression = compression
        self.resume = resume
        self.checkpointPath = checkpointPath
    }

    /// The codec as files, checkpoints and completion markers name it.
    public var codecDescription: String {
        storeIncompressible ? "\(compression) (incompressible chunks stored)" : "\(compression)"
    }

    /// Whether new files follow the planned ones.
    public var continues: Bool { mode == .continuous && duration != nil }

    /// The size in bytes, when it was given so.
    public var targetBytes: Double? {
        if case .bytes(let bytes) = size { return bytes }
        return nil
    }
}
