import CCodecs

/// Compresses page bodies with the file's codec, straight into the chunk.
/// One per encoder: the ZSTD context is reused for every page.
final class PageCompressor {
    let compression: Compression
    private var zstdContext: OpaquePointer?

    init(compression: Compression) {
        self.compression = compression
        if case .zstd = compression { zstdContext = ZSTD_createCCtx() }
    }

    deinit {
        if let zstdContext { ZSTD_freeCCtx(zstdContext) }
    }

    var codec: ParquetFormat.Codec {
        switch compression {
        case .none: return .uncompressed
        case .snappy: return .snappy
        case .zstd: return .zstd
        case .lz4Raw: return .lz4Raw
        }
    }

    /// Most bytes compressing `count` bytes can produce.
    func bound(_ count: Int) -> Int {
        switch compression {
        case .none: return count
        case .snappy: return count == 0 ? 1 : snappy_max_compressed_length(count)
        case .zstd: return ZSTD_compressBound(count)
        case .lz4Raw: return Int(LZ4_compressBound(Int32(clamping: count)))
        }
    }

    /// Compresses `input` straight into `destination` (room for `bound`
    /// bytes), sparing a copy of every page; returns the compressed length.
    func compress(_ input: UnsafeRawBufferPointer, into destination: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        switch compression {
        case .none:
            if input.count > 0 { destination.copyMemory(from: input.baseAddress!, byteCount: input.count) }
            return input.count
        case .snappy:
            guard let source = input.baseAddress, input.count > 0 else {
                destination.storeBytes(of: 0, as: UInt8.self)  // snappy's encoding of nothing
                return 1
            }
            var length = capacity
            let status = snappy_compress(
                source.assumingMemoryBound(to: CChar.self), input.count,
                destination.assumingMemoryBound(to: CChar.self), &length)
            guard status == SNAPPY_OK else { throw ParquetError.compressionFailed("snappy status \(status.rawValue)") }
            return length
        case .zstd(let level):
            guard let zstdContext else { throw ParquetError.compressionFailed("no ZSTD context") }
            let result = ZSTD_compressCCtx(zstdContext, destination, capacity, input.baseAddress, input.count, level)
            if ZSTD_isError(result) != 0 {
                throw ParquetError.compressionFailed(String(cString: ZSTD_getErrorName(result)))
            }
            return result
        case .lz4Raw:
            // An empty input still makes a valid one-byte block.
            let source = input.baseAddress ?? UnsafeRawPointer(destination)
            let length = LZ4_compress_default(
                source.assumingMemoryBound(to: CChar.self), destination.assumingMemoryBound(to: CChar.self),
                Int32(input.count), Int32(clamping: capacity))
            guard length > 0 else { throw ParquetError.compressionFailed("LZ4 could not compress \(input.count) bytes") }
            return Int(length)
        }
    }
}
