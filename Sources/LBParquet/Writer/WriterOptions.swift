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
    /// Store a column chunk uncompressed when its first data page is PLAIN
    /// (no dictionary) and the codec does not shrink it by at least an
    /// eighth (random text, e.g. hex): the codec's time buys nothing there.
    /// Parquet names the codec per chunk.
    public var storeIncompressible: Bool

    /// A first page the codec leaves at more than 7/8 of its size marks its
    /// chunk as not worth compressing.
    static let worthCompressing = (saved: 1, outOf: 8)

    public init(
        compression: Compression = .snappy,
        dictionaryPageLimit: Int = 1 << 20,
        statisticsMaxValueSize: Int = 4096,
        createdBy: String,
        storeIncompressible: Bool = false
    ) {
        self.compression = compression
        self.dictionaryPageLimit = dictionaryPageLimit
        self.statisticsMaxValueSize = statisticsMaxValueSize
        self.createdBy = createdBy
        self.storeIncompressible = storeIncompressible
    }
}
