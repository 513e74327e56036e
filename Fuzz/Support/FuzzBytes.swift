/// Fuzz bytes read in order; zero past the end, so any input is a whole case.
public struct FuzzBytes {
    public let bytes: UnsafeRawBufferPointer
    public var offset = 0

    public init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    public mutating func byte() -> UInt8 {
        defer { offset += 1 }
        return offset < bytes.count ? bytes[offset] : 0
    }
}
