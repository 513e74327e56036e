/// A growable byte buffer on malloc'd memory. Hot loops reserve once, then
/// write through raw pointers; `Array` appends would bounds-check per value.
/// A class so that its memory is freed once and reused across pages.
///
/// Sendable only so that a chunk's pages can travel inside an
/// `EncodedRowGroup` without a copy: the encoder writes to a buffer it handed
/// over again only once no one else holds a reference to it.
final class ByteBuffer: @unchecked Sendable {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var capacity: Int
    var count: Int = 0

    /// Where the memory goes back to when this buffer is dropped, if anywhere.
    private let pool: PageBufferPool?
    private let poolColumn: Int

    init(capacity: Int = 4096, pool: PageBufferPool? = nil, column: Int = 0) {
        self.capacity = max(capacity, 64)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
        self.pool = pool
        poolColumn = column
    }

    /// Wraps memory from a pool (empty; capacity as it was).
    init(adopting base: UnsafeMutableRawPointer, capacity: Int, pool: PageBufferPool, column: Int) {
        self.base = base
        self.capacity = capacity
        self.pool = pool
        poolColumn = column
    }

    deinit {
        if let pool {
            pool.give(column: poolColumn, base: base, capacity: capacity)
        } else {
            base.deallocate()
        }
    }

    /// Ensures `extra` more bytes fit after `count`.
    @inline(__always)
    func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity &*= 2 }
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        newBase.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// The first byte past the content: where the next write goes.
    @inline(__always)
    var end: UnsafeMutableRawPointer { base + count }

    @inline(__always)
    func append(_ source: UnsafeRawPointer, count n: Int) {
        reserve(n)
        if n > 0 { (base + count).copyMemory(from: source, byteCount: n) }
        count += n
    }

    @inline(__always)
    func append(byte: UInt8) {
        reserve(1)
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    @inline(__always)
    func appendLittleEndian(_ value: UInt32) {
        reserve(4)
        base.storeBytes(of: value.littleEndian, toByteOffset: count, as: UInt32.self)
        count += 4
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0.baseAddress!, count: $0.count) }
    }

    func removeAll() { count = 0 }

    /// A copy of the content as an array (one allocation).
    func toArray() -> [UInt8] {
        // Empty: `[]`, since `unsafeUninitializedCapacity: 0` writes the count
        // into the one empty-array object every thread shares (a data race).
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: base, byteCount: count)
            initialized = count
        }
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}
