#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The ISO 8601 times of S3 listings ("2026-12-01T19:07:14Z", or with
/// ".000Z"), as whole seconds since the epoch: some stores give no
/// fraction, so nothing finer may be compared.
enum S3Timestamp {
    static func seconds(_ text: String?) -> Int? {
        guard let text else { return nil }
        let digits = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int32? {
            guard start + count <= digits.count else { return nil }
            var value: Int32 = 0
            for c in digits[start..<start + count] {
                guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int32(c - UInt8(ascii: "0"))
            }
            return value
        }
        guard digits.count >= 20, digits[4] == UInt8(ascii: "-"), digits[7] == UInt8(ascii: "-"),
              digits[10] == UInt8(ascii: "T"), digits.last == UInt8(ascii: "Z"),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2) else {
            return nil
        }
        var fields = tm()
        fields.tm_year = year - 1900
        fields.tm_mon = month - 1
        fields.tm_mday = day
        fields.tm_hour = hour
        fields.tm_min = minute
        fields.tm_sec = second
        return Int(timegm(&fields))
    }
}
