import CChecksums

/// A CRC taken over bytes as they pass, for a checksum sent after them.
public struct RunningChecksum: Sendable {
    public enum Algorithm: Sendable {
        case crc32c
        case crc64nvme
    }

    public let algorithm: Algorithm
    private var state: UInt64 = 0

    public init(_ algorithm: Algorithm) { self.algorithm = algorithm }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        switch algorithm {
        case .crc32c: state = UInt64(lb_crc32c(UInt32(truncatingIfNeeded: state), bytes.baseAddress, bytes.count))
        case .crc64nvme: state = lb_crc64nvme(state, bytes.baseAddress, bytes.count)
        }
    }

    /// Copies `count` bytes to `destination` and takes them in, in one
    /// pass where the CRC allows (CRC-32C).
    public mutating func copy(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, count: Int) {
        switch algorithm {
        case .crc32c:
            state = UInt64(lb_crc32c_copy(UInt32(truncatingIfNeeded: state), destination, source, count))
        case .crc64nvme:
            destination.copyMemory(from: source, byteCount: count)
            update(UnsafeRawBufferPointer(start: destination, count: count))
        }
    }

    /// Base64 of the value's big-endian bytes, as S3's checksum headers carry it.
    public var base64: String {
        switch algorithm {
        case .crc32c: Base64.string(Checksum.bigEndianBytes(UInt32(truncatingIfNeeded: state)))
        case .crc64nvme: Base64.string(Checksum.bigEndianBytes(state))
        }
    }

    /// Characters of `base64`, the same for every value.
    public var base64Count: Int {
        switch algorithm {
        case .crc32c: 8
        case .crc64nvme: 12
        }
    }
}
