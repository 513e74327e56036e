extension HTTPBody {
    /// A read position in a body, as libcurl pulls it: forward in pieces
    /// of any size across segments, and back to any byte on a resend.
    struct Cursor {
        let body: HTTPBody
        private var segment = 0
        private var offsetInSegment = 0

        init(_ body: HTTPBody) { self.body = body }

        /// Copies up to `capacity` bytes into `destination`; returns how
        /// many (0 at the end).
        mutating func read(into destination: UnsafeMutableRawPointer, capacity: Int) -> Int {
            var none: RunningChecksum?
            return read(into: destination, capacity: capacity, checksum: &none)
        }

        /// `read`, with `checksum` (if any) taking the bytes in as they are copied.
        mutating func read(into destination: UnsafeMutableRawPointer, capacity: Int,
                           checksum: inout RunningChecksum?) -> Int {
            let segments = body.segments
            var copied = 0
            while copied < capacity && segment < segments.count {
                let source = segments[segment]
                let n = min(capacity - copied, source.count - offsetInSegment)
                if checksum != nil {
                    checksum!.copy(source.baseAddress! + offsetInSegment, to: destination + copied, count: n)
                } else {
                    (destination + copied).copyMemory(from: source.baseAddress! + offsetInSegment, byteCount: n)
                }
                copied += n
                offsetInSegment += n
                if offsetInSegment == source.count {
                    segment += 1
                    offsetInSegment = 0
                }
            }
            return copied
        }

        /// Moves to byte `offset` of the body; false (and no move) outside it.
        mutating func seek(to offset: Int) -> Bool {
            guard offset >= 0, offset <= body.count else { return false }
            var rest = offset
            segment = 0
            while segment < body.segments.count && rest >= body.segments[segment].count {
                rest -= body.segments[segment].count
                segment += 1
            }
            offsetInSegment = rest
            return true
        }

        /// The position as a byte offset in the body.
        var position: Int {
            body.segments[..<segment].reduce(offsetInSegment) { $0 + $1.count }
        }
    }
}
