/// Everything a body reader gives, taken in pieces of at most `pieces`
/// bytes as libcurl's read callback takes it; `read` returns 0 at the end.
func readToEnd(inPiecesOf pieces: Int, _ read: (UnsafeMutableRawPointer, Int) -> Int) -> [UInt8] {
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: pieces)
    while true {
        let n = buffer.withUnsafeMutableBytes { read($0.baseAddress!, pieces) }
        if n == 0 { return out }
        out += buffer[0..<n]
    }
}
