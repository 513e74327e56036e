import CCodecs

/// Compresses page bodies with the file's codec. One per encoder: the output
/// buffer and the ZSTD context are reused for every page of every row group.
final class PageCompressor {
    let compression: Compression
    private let output = ByteBuffer(capacity: 1 << 16)
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
        }
    }

    /// Most bytes compressing `count` bytes can produce.
    func bound(_ count: Int) -> Int {
        switch compression {
        case .none: return count
        case .snappy: return count == 0 ? 1 : snappy_max_compressed_length(count)
        case .zstd: return ZSTD_compressBound(count)
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
        }
    }

    /// The compressed bytes, valid until the next call. With no codec this
    /// is the input itself.
    func compress(_ input: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer {
        switch compression {
        case .none:
            return input
        case .snappy:
            guard let source = input.baseAddress, input.count > 0 else {
                // snappy's encoding of nothing: a zero varint length.
                output.removeAll()
                output.append(byte: 0)
                return output.bytes
            }
            let bound = snappy_max_compressed_length(input.count)
            output.removeAll()
            output.reserve(bound)
            var length = bound
            let status = snappy_compress(
                source.assumingMemoryBound(to: CChar.self),
                input.count,
                output.base.assumingMemoryBound(to: CChar.self),
                &length)
            guard status == SNAPPY_OK else { throw ParquetError.compressionFailed("snappy status \(status.rawValue)") }
            output.count = length
            return output.bytes
        case .zstd(let level):
            guard let zstdContext else { throw ParquetError.compressionFailed("no ZSTD context") }
            let bound = ZSTD_compressBound(input.count)
            output.removeAll()
            output.reserve(bound)
            let result = ZSTD_compressCCtx(
                zstdContext, output.base, bound, input.baseAddress, input.count, level)
            if ZSTD_isError(result) != 0 {
                throw ParquetError.compressionFailed(String(cString: ZSTD_getErrorName(result)))
            }
            output.count = result
            return output.bytes
        }
    }
}
