/// PLAIN encoding of one page's non-null values.
enum PlainEncoder {
    /// Fixed-width values (`Raw` is UInt32 or UInt64, the value's bits).
    /// Nulls are squeezed out branch-free: every value is stored, and the
    /// write position only advances for present ones. Returns values written.
    @discardableResult
    static func fixed<Raw: FixedWidthInteger & UnsignedInteger>(
        _ type: Raw.Type, values: UnsafeRawPointer, validity: UnsafePointer<UInt8>?,
        count: Int, into out: ByteBuffer
    ) -> Int {
        let width = MemoryLayout<Raw>.size
        out.reserve(count &* width)
        guard let validity else {
            out.end.copyMemory(from: values, byteCount: count &* width)
            out.count &+= count &* width
            return count
        }
        let src = values.assumingMemoryBound(to: Raw.self)
        let dst = out.end
        var k = 0
        for i in 0..<count {
            dst.storeBytes(of: src[i], toByteOffset: k &* width, as: Raw.self)
            k &+= Int(validity[i])
        }
        out.count &+= k &* width
        return k
    }

    /// Booleans bit-packed LSB first, one bit per present value.
    static func booleans(
        values: UnsafePointer<UInt8>, validity: UnsafePointer<UInt8>?, count: Int,
        into out: ByteBuffer, range: inout BooleanRange
    ) {
        out.reserve(count / 8 &+ 16)
        var dst = out.end
        var accumulator: UInt64 = 0
        var bits: UInt64 = 0
        var present = 0
        var trues = 0
        for i in 0..<count {
            let valid = validity.map { UInt64($0[i]) } ?? 1
            let bit = UInt64(values[i] & 1) & valid
            accumulator |= bit &<< bits
            bits &+= valid
            present &+= Int(valid)
            trues &+= Int(bit)
            if bits == 64 {
                dst.storeBytes(of: accumulator.littleEndian, as: UInt64.self)
                dst += 8
                accumulator = 0
                bits = 0
            }
        }
        var tailBytes = (Int(bits) &+ 7) / 8
        while tailBytes > 0 {
            dst.storeBytes(of: UInt8(truncatingIfNeeded: accumulator), as: UInt8.self)
            accumulator >>= 8
            dst += 1
            tailBytes &-= 1
        }
        out.count = dst - out.base
        if trues > 0 { range.hasTrue = true }
        if present > trues { range.hasFalse = true }
    }

    /// Strings as 4-byte little-endian length + bytes. Also finds the page's
    /// byte-wise smallest and largest value (row indices), which costs little
    /// while the values are in cache.
    ///
    /// Short values are copied 32 bytes at a time while they lie that far
    /// from the end of the written bytes (the page has slack for the
    /// overrun), sparing a call to memcpy per value. Order is settled on an
    /// 8-byte big-endian prefix; only values sharing the prefix of the
    /// current min or max are compared in full.
    static func strings(
        offsets: UnsafePointer<UInt32>, bytes: UnsafePointer<UInt8>, validity: UnsafePointer<UInt8>?,
        count: Int, into out: ByteBuffer
    ) -> (present: Int, minRow: Int, maxRow: Int) {
        let end = Int(offsets[count])
        let payload = end &- Int(offsets[0])
        out.reserve(payload &+ 4 &* count &+ 32)
        let source = UnsafeRawPointer(bytes)
        var dst = out.end
        var present = 0
        var minRow = -1, maxRow = -1
        var minKey: UInt64 = 0, maxKey: UInt64 = 0
        for i in 0..<count {
            if let validity, validity[i] == 0 { continue }
            let start = Int(offsets[i])
            let length = Int(offsets[i &+ 1]) &- start
            let p = source + start
            dst.storeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian, as: UInt32.self)
            if length > 0 && start &+ ((length &+ 31) & ~31) <= end {
                var k = 0
                repeat {
                    dst.storeBytes(of: p.loadUnaligned(fromByteOffset: k, as: SIMD32<UInt8>.self), toByteOffset: 4 &+ k, as: SIMD32<UInt8>.self)
                    k &+= 32
                } while k < length
            } else if length > 0 {
                (dst + 4).copyMemory(from: p, byteCount: length)
            }
            dst += 4 &+ length
            let key = prefixKey(p, length, readable: end &- start)
            if minRow < 0 {
                minRow = i; maxRow = i
                minKey = key; maxKey = key
            } else {
                // Both tests: while min and max share a prefix, a value
                // with that prefix may be a new max without being a new min.
                if key <= minKey && (key < minKey || ByteOrder.less(p, length, source + Int(offsets[minRow]), Int(offsets[minRow &+ 1] &- offsets[minRow]))) {
                    minRow = i; minKey = key
                }
                if key >= maxKey && (key > maxKey || ByteOrder.less(source + Int(offsets[maxRow]), Int(offsets[maxRow &+ 1] &- offsets[maxRow]), p, length)) {
                    maxRow = i; maxKey = key
                }
            }
            present &+= 1
        }
        out.count = dst - out.base
        return (present, minRow, maxRow)
    }

    /// A value's first 8 bytes as a big-endian word, zero-padded: a strictly
    /// smaller key means a strictly smaller value. `readable` bytes from `p`
    /// may be loaded.
    @inline(__always)
    static func prefixKey(_ p: UnsafeRawPointer, _ length: Int, readable: Int) -> UInt64 {
        var word: UInt64
        if readable >= 8 {
            word = UInt64(bigEndian: p.loadUnaligned(as: UInt64.self))
        } else {
            word = 0
            for j in 0..<min(readable, 8) { word |= UInt64(p.load(fromByteOffset: j, as: UInt8.self)) << UInt64(56 &- 8 &* j) }
        }
        return length >= 8 ? word : word & ~(UInt64.max &>> UInt64(8 &* length))
    }
}
