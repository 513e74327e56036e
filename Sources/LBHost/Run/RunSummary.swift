/// What a run did, for people (the closing lines) and machines (JSON).
public struct RunSummary: Sendable, Codable {
    public struct File: Sendable, Codable {
        public var key: String
        public var fileID: UInt64
        public var rows: Int
        public var bytes: Int
    }

    public var domain: String
    public var domainVersion: String
    public var seed: UInt64
    /// The domain's parameters as resolved (defaults included).
    public var parameters: [String: String]
    public var nodeID: Int
    public var totalNodes: Int
    public var workers: Int
    public var location: String
    /// --mode (batch, sequential, continuous or all).
    public var mode: String
    /// Files of the whole plan (all nodes) and of this node.
    public var plannedFiles: Int
    public var nodeFiles: Int
    /// Files this run wrote, and files found already done on resume.
    public var filesWritten: Int
    public var filesAlreadyDone: Int
    /// Files made after the planned ones (continuous mode; counted in filesWritten too).
    public var filesPastPlan: Int
    /// Why the run ended before its plan did: "deadline" (the normal end of a
    /// continuous run), "SIGTERM", "SIGINT"; nil when it ran to the end.
    public var stopReason: String?
    /// This node's planned files still to make (a stop, failures, or a duration that ended first).
    public var plannedFilesLeft: Int
    /// Key of the completion marker, written when the node finished its share.
    public var completionMarker: String?
    public var rowsWritten: Int
    public var bytesWritten: Int
    public var errors: [String]
    public var rowsPerFile: Int
    public var rowsPerRowGroup: Int
    public var elapsedSeconds: Double
    public var cpuSeconds: Double
    public var fillSeconds: Double
    /// Encoding without compression, and compression alone (the codec on
    /// the page bytes), summed over workers.
    public var encodeSeconds: Double
    public var compressSeconds: Double
    /// Bytes of all pages before compression.
    public var uncompressedBytes: Int
    public var writeSeconds: Double
    /// Through S3: seconds spent sending object bodies, summed over the
    /// threads that sent them, and those threads' CPU seconds meanwhile
    /// (the rest is time blocked on the network and the server).
    public var transferSeconds: Double?
    public var transferCPUSeconds: Double?
    public var files: [File]
}
