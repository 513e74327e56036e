/// Buffers an encoder reuses for every page of every column: the page body
/// being built, dictionary indices, the page header, and the dictionary page
/// (header + compressed body) a chunk gets in front of its data pages.
final class PageScratch {
    let body = ByteBuffer(capacity: 1 << 16)
    let indices = ScalarBuffer<UInt32>(capacity: 1 << 12)
    var header = CompactWriter()
    let prefix = ByteBuffer(capacity: 1 << 16)
}
