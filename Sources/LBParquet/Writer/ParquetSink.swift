/// Where a file's bytes go, in order. The host implements it for local files
/// and S3 objects; the writer only appends.
public protocol ParquetSink: AnyObject {
    /// Takes `bytes` now: the caller may reuse their memory on return.
    func write(_ bytes: UnsafeRawBufferPointer) throws

    /// Takes `bytes` that stay unchanged for as long as `owner` lives: a sink
    /// that sends them later may hold `owner` instead of copying them.
    func write(_ bytes: UnsafeRawBufferPointer, keepingAlive owner: AnyObject) throws
}

extension ParquetSink {
    public func write(_ bytes: UnsafeRawBufferPointer, keepingAlive owner: AnyObject) throws {
        try write(bytes)
    }
}
