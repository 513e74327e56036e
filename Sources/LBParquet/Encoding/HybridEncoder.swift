/// The RLE / bit-packed hybrid encoding of definition levels and dictionary
/// indices. Runs of 8 or more equal values become RLE runs; everything else
/// is bit-packed in groups of 8 with a 64-bit accumulator.
enum HybridEncoder {
    /// Runs shorter than this stay in the bit-packed stream.
    static let minimumRun = 8

    /// Bits needed to store `maxValue` (0 for 0).
    @inline(__always)
    static func bitWidth(forMaxValue maxValue: UInt64) -> Int {
        maxValue == 0 ? 0 : 64 - maxValue.leadingZeroBitCount
    }

    /// Appends `count` values, each below 2^bitWidth (bitWidth <= 32).
    static func encode<T: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafePointer<T>, count: Int, bitWidth: Int, into out: ByteBuffer
    ) {
        if count == 0 { return }
        var literalStart = 0
        var i = 0
        while i < count {
            let value = values[i]
            var j = i &+ 1
            while j < count && values[j] == value { j &+= 1 }
            let run = j &- i
            if run >= minimumRun {
                // Bit-packed runs hold whole groups of 8: lend the literals
                // the first few values of this run to round them up.
                let literalCount = i &- literalStart
                let pad = (8 &- (literalCount & 7)) & 7
                if run &- pad >= minimumRun {
                    if literalCount &+ pad > 0 {
                        bitPack(values + literalStart, count: literalCount &+ pad, bitWidth: bitWidth, into: out)
                    }
                    appendRun(UInt64(value), count: run &- pad, bitWidth: bitWidth, into: out)
                    literalStart = j
                }
            }
            i = j
        }
        if literalStart < count {
            bitPack(values + literalStart, count: count &- literalStart, bitWidth: bitWidth, into: out)
        }
    }

    /// One RLE run: varint(count << 1), then the value in ceil(bitWidth/8) bytes.
    static func appendRun(_ value: UInt64, count: Int, bitWidth: Int, into out: ByteBuffer) {
        out.reserve(16)
        appendVarint(UInt64(count) << 1, into: out)
        var v = value
        for _ in 0..<((bitWidth + 7) / 8) {
            out.append(byte: UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    /// Bit-packed groups (LSB first); the last group is padded with zeros.
    static func bitPack<T: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafePointer<T>, count: Int, bitWidth: Int, into out: ByteBuffer
    ) {
        let groups = (count &+ 7) / 8
        let byteCount = groups &* bitWidth
        out.reserve(10 &+ byteCount &+ 8)
        appendVarint(UInt64(groups) << 1 | 1, into: out)
        var dst = out.end
        var accumulator: UInt64 = 0
        var bits = 0
        var written = 0
        for k in 0..<count {
            let v = UInt64(values[k])
            accumulator |= v &<< UInt64(bits)
            bits &+= bitWidth
            if bits >= 64 {
                dst.storeBytes(of: accumulator.littleEndian, as: UInt64.self)
                dst += 8
                written &+= 8
                bits &-= 64
                accumulator = bits > 0 ? v &>> UInt64(bitWidth &- bits) : 0
            }
        }
        // Flush what is left, zero-padded to the group boundary.
        while written < byteCount {
            dst.storeBytes(of: UInt8(truncatingIfNeeded: accumulator), as: UInt8.self)
            accumulator >>= 8
            dst += 1
            written &+= 1
        }
        out.count &+= byteCount
    }

    @inline(__always)
    static func appendVarint(_ value: UInt64, into out: ByteBuffer) {
        var v = value
        while v >= 0x80 {
            out.append(byte: UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(byte: UInt8(v))
    }
}
