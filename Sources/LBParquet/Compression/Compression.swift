/// Page compression codec of a file.
public enum Compression: Sendable, Hashable {
    case none
    case snappy
    /// ZSTD at a level from 1 to 22.
    case zstd(level: Int32)
    /// LZ4_RAW: a plain LZ4 block per page (not the deprecated framed LZ4).
    case lz4Raw
}
