/// Frames one page into a chunk's bytes: its header, then its body as the
/// chunk's codec compressed it.
enum PageFramer {
    /// The most bytes `append` adds for `body`: a header with the codec's
    /// bound as sizes, and that bound.
    static func bound(body: ByteBuffer, compressor: PageCompressor) -> Int {
        compressor.bound(body.count) + PageHeader.maximumBytes
    }

    /// Compresses `body`, appends header + compressed bytes to `out`.
    /// Returns the uncompressed size with header, for the footer.
    ///
    /// The codec writes straight into `out`, after room for a header sized
    /// with the codec's bound as compressed size: its varint is never shorter
    /// than the real size's, so the real header fits, and only when it is
    /// shorter do the compressed bytes slide back to close the gap.
    static func append(
        _ kind: PageHeader.Kind, body: ByteBuffer, to out: ByteBuffer, header: inout CompactWriter,
        compressor: PageCompressor
    ) throws -> Int64 {
        guard body.count <= Int(Int32.max) else { throw ParquetError.pageTooLarge(body.count) }
        let bound = compressor.bound(body.count)
        guard bound <= Int(Int32.max) else { throw ParquetError.pageTooLarge(bound) }
        header.reset()
        PageHeader(kind: kind, uncompressedSize: Int32(body.count), compressedSize: Int32(bound))
            .encode(into: &header)
        let room = header.bytes.count
        out.reserve(room + bound)
        let data = out.end + room
        let length = try compressor.compress(body.bytes, into: data, capacity: bound)
        header.reset()
        PageHeader(kind: kind, uncompressedSize: Int32(body.count), compressedSize: Int32(length))
            .encode(into: &header)
        let headerBytes = header.bytes
        headerBytes.withUnsafeBytes { out.end.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        if headerBytes.count < room {
            (out.end + headerBytes.count).copyMemory(from: data, byteCount: length)  // forward, overlap-safe (memmove)
        }
        out.count += headerBytes.count + length
        return Int64(headerBytes.count + body.count)
    }
}
