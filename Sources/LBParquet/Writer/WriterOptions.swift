/// Settings that shape the bytes of a file (all part of what makes output
/// reproducible).
public struct WriterOptions: Sendable, Hashable {
    public var compression: Compression
    /// Dictionary size, in bytes of PLAIN-encoded entries, past which a
    /// column chunk falls back to PLAIN encoding.
    public var dictionaryPageLimit: Int
    /// Longest min or max value kept in statistics; longer ones are left out.
    public var statisticsMaxValueSize: Int
    /// The footer's `created_by`, e.g. "lb-datagen version 0.1.0".
    public var createdBy: String

    public init(
        compression: Compression = .snappy,
        dictionaryPageLimit: Int = 1 << 20,
        statisticsMaxValueSize: Int = 4096,
        createdBy: String
    ) {
        self.compression = compression
        self.dictionaryPageLimit = dictionaryPageLimit
        self.statisticsMaxValueSize = statisticsMaxValueSize
        self.createdBy = createdBy
    }
}
