/// Why the writer refused input or could not produce a file.
public enum ParquetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Column data that does not fit the schema (missing buffers, wrong count).
    case invalidInput(String)
    /// A row group whose chunks do not match the file's schema.
    case schemaMismatch(String)
    /// A page body over the format's 2 GiB limit.
    case pageTooLarge(Int)
    case compressionFailed(String)
    /// `append` or `close` after `close`.
    case closed

    public var description: String {
        switch self {
        case .invalidInput(let why): return "invalid column input: \(why)"
        case .schemaMismatch(let why): return "row group does not match the schema: \(why)"
        case .pageTooLarge(let bytes): return "page of \(bytes) bytes exceeds the 2 GiB page limit"
        case .compressionFailed(let why): return "compression failed: \(why)"
        case .closed: return "the file is already closed"
        }
    }
}
