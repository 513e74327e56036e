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
    static func strings(
        offsets: UnsafePointer<UInt32>, bytes: UnsafePointer<UInt8>, validity: UnsafePointer<UInt8>?,
        count: Int, into out: ByteBuffer
    ) -> (present: Int, minRow: Int, maxRow: Int) {
        let payload = Int(offsets[count] &- offsets[0])
        out.reserve(payload &+ 4 &* count)
        var dst = out.end
        var present = 0
        var minRow = -1
        var maxRow = -1
        for i in 0..<count {
            if let validity, validity[i] == 0 { continue }
            let start = Int(offsets[i])
            let length = Int(offsets[i &+ 1]) &- start
            let p = bytes + start
            dst.storeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian, as: UInt32.self)
            if length > 0 { (dst + 4).copyMemory(from: p, byteCount: length) }
            dst += 4 &+ length
            if minRow < 0 {
                minRow = i
                maxRow = i
            } else {
                if ByteOrder.less(p, length, bytes + Int(offsets[minRow]), Int(offsets[minRow &+ 1] &- offsets[minRow])) {
                    minRow = i
                } else if ByteOrder.less(bytes + Int(offsets[maxRow]), Int(offsets[maxRow &+ 1] &- offsets[maxRow]), p, length) {
                    maxRow = i
                }
            }
            present &+= 1
        }
        out.count = dst - out.base
        return (present, minRow, maxRow)
    }
}
