/// A finished row group: one encoded, compressed column chunk per column,
/// with offsets relative to the chunk's own start. The file writer places it.
public struct EncodedRowGroup: Sendable {
    public let rowCount: Int
    /// Column chunks in schema order, each its pages back to back.
    public let chunks: [[UInt8]]
    let metadata: [ColumnChunkMetadata]

    /// Bytes the row group adds to the file.
    public var byteCount: Int { chunks.reduce(0) { $0 + $1.count } }
}

/// What the footer needs to know about one column chunk.
struct ColumnChunkMetadata: Sendable {
    // Filled in by the encoder: encodings, sizes, relative page offsets, statistics.
}
