/// Page compression codec of a file.
public enum Compression: Sendable, Hashable {
    case none
    case snappy
    /// ZSTD at a level from 1 to 22.
    case zstd(level: Int32)
}
