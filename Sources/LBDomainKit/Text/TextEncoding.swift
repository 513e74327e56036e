/// Writers of numbers and random text straight into a byte buffer: no
/// String, no allocation, and no tables (word arithmetic instead, so hot
/// loops touch no globals). Each returns the bytes written.
public enum TextEncoding {
    /// Copies `source` to `destination`; returns its length. Up to 16 bytes
    /// are copied inline as two overlapping words (exactly the value's
    /// bytes, nothing past them): labels and literals are short, and a call
    /// to memcpy would cost more than the copy.
    @inlinable @inline(__always)
    public static func write(_ source: UnsafeRawBufferPointer, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        let count = source.count
        guard let from = source.baseAddress else { return 0 }
        let to = UnsafeMutableRawPointer(destination)
        if count >= 8 && count <= 16 {
            let head = from.loadUnaligned(as: UInt64.self), tail = from.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: count &- 8, as: UInt64.self)
        } else if count >= 4 && count < 8 {
            let head = from.loadUnaligned(as: UInt32.self), tail = from.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: count &- 4, as: UInt32.self)
        } else if count > 0 && count < 4 {
            let first = from.load(as: UInt8.self), middle = from.load(fromByteOffset: count / 2, as: UInt8.self)
            let last = from.load(fromByteOffset: count &- 1, as: UInt8.self)
            to.storeBytes(of: first, as: UInt8.self)
            to.storeBytes(of: middle, toByteOffset: count / 2, as: UInt8.self)
            to.storeBytes(of: last, toByteOffset: count &- 1, as: UInt8.self)
        } else if count > 16 {
            to.copyMemory(from: from, byteCount: count)
        }
        return count
    }

    /// Decimal digits of `value` < 1000, no padding, without a digit loop:
    /// three digits are made and the leading zeros shifted out. Stores one
    /// 4-byte word (the digits, then zeros), so `destination` needs room
    /// for 4 bytes whatever the value.
    @inlinable @inline(__always)
    public static func writeSmallDecimal(_ value: UInt64, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        let hundreds = (value &* 41) >> 12  // value / 100 for value < 1000
        let digits = 1 &+ (value >= 10 ? 1 : 0) &+ (value >= 100 ? 1 : 0)
        // Hundreds in the low byte, then the pair: "ddd" little-endian.
        let word = (UInt32(truncatingIfNeeded: hundreds) | 0x30) | UInt32(decimalPair(value &- hundreds &* 100)) << 8
        UnsafeMutableRawPointer(destination).storeBytes(of: (word >> UInt32(8 &* (3 &- digits))).littleEndian, as: UInt32.self)
        return digits
    }

    /// Decimal digits of `value`, no sign, no padding.
    @inlinable
    public static func writeDecimal(_ value: UInt64, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        // Powers of ten rise independently of the value: no division chain.
        var digits = 1
        var power: UInt64 = 10
        while digits < 20 && value >= power { digits &+= 1; power &*= 10 }
        writeDecimal(value, digits: digits, to: destination)
        return digits
    }

    /// Exactly `digits` decimal digits of `value`, zero padded on the left.
    @inlinable
    public static func writeDecimal(_ value: UInt64, digits: Int, to destination: UnsafeMutablePointer<UInt8>) {
        var remaining = value
        var position = digits
        let raw = UnsafeMutableRawPointer(destination)
        while position >= 2 {
            position -= 2
            raw.storeBytes(of: decimalPair(remaining % 100), toByteOffset: position, as: UInt16.self)
            remaining /= 100
        }
        if position == 1 {
            destination[0] = UInt8(48 + remaining % 10)
        }
    }

    /// The two ASCII digits of `n` < 100, the tens digit in the low byte
    /// (first in memory). n × 103 >> 10 is n / 10 for every n < 100.
    @inlinable
    static func decimalPair(_ n: UInt64) -> UInt16 {
        let tens = (n &* 103) >> 10
        return UInt16(truncatingIfNeeded: 0x3030 | tens | (n &- tens &* 10) << 8)
    }

    /// `2 × count` lower-case hex characters of `count` random bytes.
    /// Byte-parallel: the 16 nibbles of a random word become 16 characters
    /// with a few word operations, no table.
    @inlinable
    public static func writeRandomHex(byteCount count: Int, to destination: UnsafeMutablePointer<UInt8>, random: inout RandomStream) {
        let raw = UnsafeMutableRawPointer(destination)
        var offset = 0
        let end = 2 * count
        while offset + 16 <= end {
            let word = random.next()
            raw.storeBytes(of: hexDigits(word & 0x0f0f_0f0f_0f0f_0f0f).littleEndian, toByteOffset: offset, as: UInt64.self)
            raw.storeBytes(of: hexDigits((word >> 4) & 0x0f0f_0f0f_0f0f_0f0f).littleEndian, toByteOffset: offset + 8, as: UInt64.self)
            offset += 16
        }
        if offset < end {
            let word = random.next()
            var tail = (hexDigits(word & 0x0f0f_0f0f_0f0f_0f0f).littleEndian, hexDigits((word >> 4) & 0x0f0f_0f0f_0f0f_0f0f).littleEndian)
            withUnsafeBytes(of: &tail) { (raw + offset).copyMemory(from: $0.baseAddress!, byteCount: end - offset) }
        }
    }

    /// Eight nibbles, one per byte (0...15), as eight ASCII hex digits:
    /// '0' + n, plus 39 more where n ≥ 10 ('a' - '0' - 10).
    @inlinable
    static func hexDigits(_ nibbles: UInt64) -> UInt64 {
        let atLeastTen = ((nibbles &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
        return nibbles &+ 0x3030_3030_3030_3030 &+ atLeastTen &* 0x27
    }

    /// A random version-4 UUID as 36 lower-case characters, made like
    /// random hex: each random word gives 16 digits (its low nibbles, then
    /// its high ones). The version digit replaces one of them, and the
    /// variant digit (8, 9, a or b) takes its two random bits from the
    /// replaced one, so all 122 free bits stay random.
    @inlinable
    public static func writeUUID(to destination: UnsafeMutablePointer<UInt8>, random: inout RandomStream) {
        let first = random.next(), second = random.next()
        let low = UInt64(0x0f0f_0f0f_0f0f_0f0f)
        let a = hexDigits(first & low), c = hexDigits(second & low), d = hexDigits((second >> 4) & low)
        // Hex digit 12 (byte 4 of b) is the version, 4.
        let b = hexDigits((first >> 4) & low) & ~(0xff << 32) | 0x34 << 32
        // Hex digit 16 (byte 0 of c) is the variant: 0x38 + r, past '9' into 'a'.
        let r = (first >> 36) & 3
        let variant = c & ~0xff | (0x38 &+ r &+ (r >> 1) &* 0x27)
        let raw = UnsafeMutableRawPointer(destination)
        raw.storeBytes(of: a.littleEndian, toByteOffset: 0, as: UInt64.self)
        raw.storeBytes(of: UInt32(truncatingIfNeeded: b).littleEndian, toByteOffset: 9, as: UInt32.self)
        raw.storeBytes(of: UInt32(truncatingIfNeeded: b >> 32).littleEndian, toByteOffset: 14, as: UInt32.self)
        raw.storeBytes(of: UInt32(truncatingIfNeeded: variant).littleEndian, toByteOffset: 19, as: UInt32.self)
        raw.storeBytes(of: UInt32(truncatingIfNeeded: variant >> 32).littleEndian, toByteOffset: 24, as: UInt32.self)
        raw.storeBytes(of: d.littleEndian, toByteOffset: 28, as: UInt64.self)
        destination[8] = 45; destination[13] = 45; destination[18] = 45; destination[23] = 45  // "-"
    }
}
