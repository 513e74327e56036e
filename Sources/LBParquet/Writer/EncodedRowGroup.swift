/// A finished row group: one encoded, compressed column chunk per column,
/// with offsets relative to the chunk's own start. The file writer places it.
public struct EncodedRowGroup: Sendable {
    public let rowCount: Int
    /// Column chunks in schema order, as written to the file.
    let parts: [ChunkBytes]
    let metadata: [ColumnChunkMetadata]

    /// Column chunks in schema order, each its pages back to back. A copy,
    /// for inspection; the file writer streams `parts` without copying.
    public var chunks: [[UInt8]] { parts.map { $0.joined() } }

    /// Bytes the row group adds to the file.
    public var byteCount: Int { parts.reduce(0) { $0 + $1.count } }

    /// Bytes of its pages before compression (headers included).
    public var uncompressedByteCount: Int { metadata.reduce(0) { $0 + Int($1.totalUncompressedSize) } }
}

/// One column chunk's bytes: the dictionary page (known only at the end,
/// yet first in the file), then the data pages, in the blocks the encoder
/// built them in (none empty).
struct ChunkBytes: Sendable {
    let dictionaryPage: [UInt8]
    let pages: [ByteBuffer]

    var count: Int { pages.reduce(dictionaryPage.count) { $0 + $1.count } }

    func joined() -> [UInt8] {
        var bytes = dictionaryPage
        for block in pages { bytes.append(contentsOf: block.bytes) }
        return bytes
    }
}

/// What the footer needs to know about one column chunk. Offsets are relative
/// to the chunk's start until the file writer rebases them.
struct ColumnChunkMetadata: Sendable, Hashable {
    var physicalType: ParquetFormat.PhysicalType
    var encodings: [ParquetFormat.Encoding]
    var codec: ParquetFormat.Codec
    /// Values including nulls (flat columns: the row count).
    var numValues: Int64
    var totalUncompressedSize: Int64
    var totalCompressedSize: Int64
    var dataPageOffset: Int64
    var dictionaryPageOffset: Int64?
    var statistics: ChunkStatistics

    /// Where the chunk begins: its dictionary page if any, else its first data page.
    var firstPageOffset: Int64 { dictionaryPageOffset ?? dataPageOffset }

    func rebased(by base: Int64) -> ColumnChunkMetadata {
        var copy = self
        copy.dataPageOffset += base
        copy.dictionaryPageOffset = dictionaryPageOffset.map { $0 + base }
        return copy
    }
}
