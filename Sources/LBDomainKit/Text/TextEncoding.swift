/// Writers of numbers and random text straight into a byte buffer, with
/// lookup tables: no String, no allocation. Each returns the bytes written.
public enum TextEncoding {
    @usableFromInline nonisolated(unsafe) static let hexPairs: UnsafeMutablePointer<UInt16> = {
        let digits = Array("0123456789abcdef".utf8)
        let table = UnsafeMutablePointer<UInt16>.allocate(capacity: 256)
        for byte in 0..<256 {
            // Little-endian: the high nibble's digit comes first in memory.
            table[byte] = UInt16(digits[byte >> 4]) | UInt16(digits[byte & 15]) << 8
        }
        return table
    }()

    @usableFromInline nonisolated(unsafe) static let decimalPairs: UnsafeMutablePointer<UInt16> = {
        let table = UnsafeMutablePointer<UInt16>.allocate(capacity: 100)
        for n in 0..<100 {
            table[n] = UInt16(48 + n / 10) | UInt16(48 + n % 10) << 8
        }
        return table
    }()

    /// Copies `source` to `destination`; returns its length.
    @inlinable
    public static func write(_ source: UnsafeRawBufferPointer, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        if source.count > 0 {
            UnsafeMutableRawPointer(destination).copyMemory(from: source.baseAddress!, byteCount: source.count)
        }
        return source.count
    }

    /// Decimal digits of `value`, no sign, no padding.
    @inlinable
    public static func writeDecimal(_ value: UInt64, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        var digits = 1
        var probe = value
        while probe >= 10 { probe /= 10; digits += 1 }
        writeDecimal(value, digits: digits, to: destination)
        return digits
    }

    /// Exactly `digits` decimal digits of `value`, zero padded on the left.
    @inlinable
    public static func writeDecimal(_ value: UInt64, digits: Int, to destination: UnsafeMutablePointer<UInt8>) {
        let pairs = decimalPairs
        var remaining = value
        var position = digits
        let raw = UnsafeMutableRawPointer(destination)
        while position >= 2 {
            position -= 2
            raw.storeBytes(of: pairs[Int(remaining % 100)], toByteOffset: position, as: UInt16.self)
            remaining /= 100
        }
        if position == 1 {
            destination[0] = UInt8(48 + remaining % 10)
        }
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

    /// A random version-4 UUID as 36 lower-case characters.
    @inlinable
    public static func writeUUID(to destination: UnsafeMutablePointer<UInt8>, random: inout RandomStream) {
        var high = random.next()
        var low = random.next()
        high = (high & ~0x0000_0000_0000_f000) | 0x0000_0000_0000_4000  // version 4
        low = (low & ~0xc000_0000_0000_0000) | 0x8000_0000_0000_0000     // variant 10xx
        let pairs = hexPairs
        let raw = UnsafeMutableRawPointer(destination)
        // Bytes of the UUID in order: high's bytes big-endian, then low's.
        var offset = 0
        for index in 0..<16 {
            if index == 4 || index == 6 || index == 8 || index == 10 {
                destination[offset] = 45  // "-"
                offset += 1
            }
            let word = index < 8 ? high : low
            let byte = Int((word >> UInt64(56 - 8 * (index & 7))) & 0xff)
            raw.storeBytes(of: pairs[byte], toByteOffset: offset, as: UInt16.self)
            offset += 2
        }
    }
}
