extension HTTPBody {
    /// A read position in a body sent with a trailer (see HTTPTrailer):
    /// the framing made as it goes, and the checksum taken in the same pass
    /// as the copy into libcurl's buffer.
    struct ChunkedCursor {
        let trailer: HTTPTrailer
        let length: Int
        private var body: Cursor
        private var checksum: RunningChecksum?
        /// Framing bytes made but not yet read.
        private var framing: [UInt8] = []
        private var framingOffset = 0
        private var bodySent = 0
        private var chunkLeft = 0
        private var finished = false

        init(_ body: HTTPBody, trailer: HTTPTrailer) {
            self.body = Cursor(body)
            self.trailer = trailer
            length = trailer.encodedLength(bodyCount: body.count)
            checksum = RunningChecksum(trailer.checksum)
        }

        /// The trailer's value, once the whole body was read.
        var trailerValue: String? { finished && framingOffset == framing.count ? checksum?.base64 : nil }

        mutating func read(into destination: UnsafeMutableRawPointer, capacity: Int) -> Int {
            var copied = 0
            while copied < capacity {
                if framingOffset < framing.count {
                    let n = min(capacity - copied, framing.count - framingOffset)
                    framing.withUnsafeBytes {
                        (destination + copied).copyMemory(from: $0.baseAddress! + framingOffset, byteCount: n)
                    }
                    framingOffset += n
                    copied += n
                } else if chunkLeft > 0 {
                    let n = body.read(into: destination + copied, capacity: min(capacity - copied, chunkLeft),
                                      checksum: &checksum)
                    chunkLeft -= n
                    bodySent += n
                    copied += n
                    if chunkLeft == 0 { setFraming("\r\n") }
                } else if finished {
                    break
                } else if bodySent < body.body.count {
                    chunkLeft = min(trailer.chunkSize, body.body.count - bodySent)
                    setFraming(String(chunkLeft, radix: 16) + "\r\n")
                } else {
                    finished = true
                    setFraming("0\r\n\(trailer.name):\(checksum!.base64)\r\n\r\n")
                }
            }
            return copied
        }

        /// Back to the start (a resend); any other offset is refused, and
        /// libcurl then fails the request, which is retried whole.
        mutating func seek(to offset: Int) -> Bool {
            guard offset == 0 else { return false }
            self = ChunkedCursor(body.body, trailer: trailer)
            return true
        }

        private mutating func setFraming(_ text: String) {
            framing = Array(text.utf8)
            framingOffset = 0
        }
    }
}
