/// Where a file's bytes go, in order. The host implements it for local files
/// and S3 objects; the writer only appends.
public protocol ParquetSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
}
