/// A body sent in the chunked syntax (size line, bytes, CRLF; a last empty
/// chunk) and closed by one trailer field whose value is a checksum of the
/// bytes, taken as they go out: the body is read once, not once to checksum
/// it and again to send it. S3 calls this framing aws-chunked and reads the
/// trailer x-amz-checksum-*; the caller sends the headers that announce it.
public struct HTTPTrailer: Sendable {
    /// The trailer field's name, e.g. "x-amz-checksum-crc32c".
    public let name: String
    public let checksum: RunningChecksum.Algorithm
    /// Body bytes per chunk (the last may be shorter).
    public let chunkSize: Int

    public init(name: String, checksum: RunningChecksum.Algorithm, chunkSize: Int = 64 << 10) {
        precondition(chunkSize > 0)
        self.name = name
        self.checksum = checksum
        self.chunkSize = chunkSize
    }

    /// Bytes on the wire for a body of `count` bytes, framing and trailer included.
    public func encodedLength(bodyCount count: Int) -> Int {
        func chunk(_ n: Int) -> Int { String(n, radix: 16).utf8.count + 2 + n + 2 }
        let full = count / chunkSize, rest = count % chunkSize
        let last = "0\r\n".utf8.count + name.utf8.count + 1 + RunningChecksum(checksum).base64Count + 4
        return full * chunk(chunkSize) + (rest > 0 ? chunk(rest) : 0) + last
    }
}
