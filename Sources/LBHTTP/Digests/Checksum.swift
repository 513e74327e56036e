// The CRCs object stores verify on upload (CChecksums).
import CChecksums

/// Cyclic redundancy checks over a whole body, as big-endian integers.
public enum Checksum {
    /// CRC-32C (Castagnoli), with the CPU's instruction where it has one.
    public static func crc32c(_ data: UnsafeRawBufferPointer) -> UInt32 {
        lb_crc32c(0, data.baseAddress, data.count)
    }

    /// Over the body's segments in turn, as over their concatenation.
    public static func crc32c(_ body: HTTPBody) -> UInt32 {
        body.segments.reduce(0) { lb_crc32c($0, $1.baseAddress, $1.count) }
    }

    /// CRC-64/NVME.
    public static func crc64nvme(_ data: UnsafeRawBufferPointer) -> UInt64 {
        lb_crc64nvme(0, data.baseAddress, data.count)
    }

    public static func crc64nvme(_ body: HTTPBody) -> UInt64 {
        body.segments.reduce(0) { lb_crc64nvme($0, $1.baseAddress, $1.count) }
    }

    /// The value's bytes, most significant first (as base64 headers carry them).
    public static func bigEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0..<T.bitWidth / 8).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }
}
