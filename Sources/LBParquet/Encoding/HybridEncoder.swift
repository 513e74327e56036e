/// The RLE / bit-packed hybrid encoding of definition levels and dictionary
/// indices, decided a group of 8 values at a time: two or more uniform
/// groups in a row (16+ equal values) become an RLE run, everything else is
/// bit-packed. Working on whole groups keeps the scan branch-light (one test
/// per 8 values) and needs no borrowing to align runs.
enum HybridEncoder {
    /// Uniform groups in a row that are worth an RLE run: a run costs a
    /// header and a value, a packed group `bitWidth` bits a value.
    static let minimumRunGroups = 2

    /// Bits needed to store `maxValue` (0 for 0).
    @inline(__always)
    static func bitWidth(forMaxValue maxValue: UInt64) -> Int {
        maxValue == 0 ? 0 : 64 - maxValue.leadingZeroBitCount
    }

    /// Appends `count` values, each below 2^bitWidth (bitWidth <= 32).
    static func encode(_ values: UnsafePointer<UInt32>, count: Int, bitWidth: Int, into out: ByteBuffer) {
        encodeGroups(count: count, bitWidth: bitWidth, into: out) { group in
            let v = values + group &* 8
            let first = v[0]
            let differs = (first ^ v[1]) | (first ^ v[2]) | (first ^ v[3]) | (first ^ v[4])
                | (first ^ v[5]) | (first ^ v[6]) | (first ^ v[7])
            return differs == 0 ? UInt64(first) : nil
        } value: { UInt64(values[$0]) } pack: { start, count, dst in
            pack(values + start, count: count, bitWidth: bitWidth, to: dst)
        }
    }

    /// Definition levels (bit width 1) from validity bytes that are 0 or 1;
    /// returns how many are 1.
    static func encodeLevels(_ validity: UnsafePointer<UInt8>, count: Int, into out: ByteBuffer) -> Int {
        let raw = UnsafeRawPointer(validity)
        var present = 0
        var offset = 0
        while offset &+ 8 <= count {
            present &+= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).nonzeroBitCount
            offset &+= 8
        }
        while offset < count {
            present &+= Int(validity[offset])
            offset &+= 1
        }
        if present == count || present == 0 {
            if count > 0 { appendRun(present == 0 ? 0 : 1, count: count, bitWidth: 1, into: out) }
            return present
        }
        encodeGroups(count: count, bitWidth: 1, into: out) { group in
            let word = raw.loadUnaligned(fromByteOffset: group &* 8, as: UInt64.self)
            return word == 0 || word == 0x0101_0101_0101_0101 ? word & 1 : nil
        } value: { UInt64(validity[$0]) } pack: { start, count, dst in
            var k = 0
            var p = dst
            while k &+ 8 <= count {
                p.storeBytes(of: packByte(raw.loadUnaligned(fromByteOffset: start &+ k, as: UInt64.self)), as: UInt8.self)
                p += 1
                k &+= 8
            }
            if k < count {
                var word: UInt64 = 0
                for j in 0..<(count &- k) { word |= UInt64(validity[start &+ k &+ j]) &<< UInt64(8 &* j) }
                p.storeBytes(of: packByte(word), as: UInt8.self)
            }
        }
        return present
    }

    /// Eight 0/1 bytes (first in the lowest) as eight bits, first in bit 0:
    /// the multiply moves byte i's bit to bit 56 + i, with no carries.
    @inline(__always)
    static func packByte(_ word: UInt64) -> UInt8 {
        UInt8(truncatingIfNeeded: (word &* 0x0102_0408_1020_4080) >> 56)
    }

    /// The run-finding walk shared by both value kinds. `uniform(g)` is the
    /// value of group g when its 8 values are equal; `value(i)` is value i;
    /// `pack(start, count, destination)` writes values start ..< start+count
    /// bit-packed (zero-padded to whole groups).
    @inline(__always)
    private static func encodeGroups(
        count: Int, bitWidth: Int, into out: ByteBuffer,
        uniform: (Int) -> UInt64?, value: (Int) -> UInt64,
        pack: (Int, Int, UnsafeMutableRawPointer) -> Void
    ) {
        if count == 0 { return }
        let fullGroups = count / 8
        var literalStart = 0  // first value not yet written
        var g = 0
        while g < fullGroups {
            guard let v = uniform(g) else { g &+= 1; continue }
            var end = g &+ 1
            while end < fullGroups, let next = uniform(end), next == v { end &+= 1 }
            if end &- g >= minimumRunGroups {
                if g &* 8 > literalStart {
                    bitPack(start: literalStart, count: g &* 8 &- literalStart, bitWidth: bitWidth, into: out, pack)
                }
                var runEnd = end &* 8
                if end == fullGroups {
                    while runEnd < count && value(runEnd) == v { runEnd &+= 1 }  // the partial last group
                }
                appendRun(v, count: runEnd &- g &* 8, bitWidth: bitWidth, into: out)
                literalStart = runEnd
            }
            g = end
        }
        if literalStart < count {
            bitPack(start: literalStart, count: count &- literalStart, bitWidth: bitWidth, into: out, pack)
        }
    }

    @inline(__always)
    private static func bitPack(
        start: Int, count: Int, bitWidth: Int, into out: ByteBuffer, _ pack: (Int, Int, UnsafeMutableRawPointer) -> Void
    ) {
        let groups = (count &+ 7) / 8
        let byteCount = groups &* bitWidth
        out.reserve(10 &+ byteCount &+ 16)  // slack: `pack` may store whole words past the end
        appendVarint(UInt64(groups) << 1 | 1, into: out)
        pack(start, count, out.end)
        out.count &+= byteCount
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

    /// `count` values bit-packed LSB first, zero-padded to whole groups of 8;
    /// may store up to 8 bytes past the packed end.
    @inline(__always)
    static func pack(_ values: UnsafePointer<UInt32>, count: Int, bitWidth: Int, to destination: UnsafeMutableRawPointer) {
        let groups = (count &+ 7) / 8
        let whole = count / 8
        var dst = destination
        if bitWidth <= 8 {
            // A group fits one 64-bit word: store it, advance bitWidth bytes.
            let s = UInt64(bitWidth)
            for group in 0..<whole {
                let v = values + group &* 8
                let low = UInt64(v[0]) | UInt64(v[1]) &<< s | UInt64(v[2]) &<< (2 &* s) | UInt64(v[3]) &<< (3 &* s)
                let high = UInt64(v[4]) | UInt64(v[5]) &<< s | UInt64(v[6]) &<< (2 &* s) | UInt64(v[7]) &<< (3 &* s)
                dst.storeBytes(of: (low | high &<< (4 &* s)).littleEndian, as: UInt64.self)
                dst += bitWidth
            }
            if whole < groups {
                let v = values + whole &* 8
                var word: UInt64 = 0
                for j in (0..<(count &- whole &* 8)).reversed() { word = word &<< s | UInt64(v[j]) }
                dst.storeBytes(of: word.littleEndian, as: UInt64.self)
            }
            return
        }
        var accumulator: UInt64 = 0
        var bits = 0
        for k in 0..<count {
            let v = UInt64(values[k])
            accumulator |= v &<< UInt64(bits)
            bits &+= bitWidth
            if bits >= 64 {
                dst.storeBytes(of: accumulator.littleEndian, as: UInt64.self)
                dst += 8
                bits &-= 64
                accumulator = bits > 0 ? v &>> UInt64(bitWidth &- bits) : 0
            }
        }
        // What is left, zero-padded to the group boundary.
        var remaining = destination + groups &* bitWidth - dst
        while remaining > 0 {
            dst.storeBytes(of: UInt8(truncatingIfNeeded: accumulator), as: UInt8.self)
            accumulator >>= 8
            dst += 1
            remaining &-= 1
        }
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
