/// A request body as the bytes it already sits in: one or more buffers
/// sent back to back, never joined. An upload part made of the encoder's
/// own page blocks goes out without a copy of its own (libcurl still
/// copies each piece into its send buffer).
public struct HTTPBody: @unchecked Sendable {
    /// The buffers, in order; none is empty.
    public let segments: [UnsafeRawBufferPointer]
    /// Bytes in all segments.
    public let count: Int

    public init(_ segments: [UnsafeRawBufferPointer]) {
        self.segments = segments.filter { $0.count > 0 }
        count = self.segments.reduce(0) { $0 + $1.count }
    }

    public init(_ bytes: UnsafeRawBufferPointer) {
        self.init([bytes])
    }

    public var isEmpty: Bool { count == 0 }
}
