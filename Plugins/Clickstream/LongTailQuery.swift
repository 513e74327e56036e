import LBDomainKit

/// A long-tail search (long_tail_query_rate): what people type once and
/// nobody types again, such as "northpeak waterproof hiking boots size 11".
/// A brand, an attribute, a common search and a qualifier with a number,
/// each present or not, all from a 31-bit seed: so a page's URL, its
/// referrer on the next event and a retry write the same text.
enum LongTailQuery {
    static let flag: UInt32 = 1 << 31
    static let attributes = ["black", "white", "red", "blue", "green", "pink", "grey", "gold", "leather", "wooden",
                             "stainless", "cotton", "vintage", "waterproof", "wireless", "foldable", "compact",
                             "heavy duty", "lightweight", "rechargeable"]
    static let audiences = ["men", "women", "kids", "toddler", "dad", "mom", "teens", "seniors", "dogs", "cats"]
    static let brands = TextTable(brandNames)
    static let heads = TextTable(headSearchQueries)
    static let attributeText = TextTable(attributes)
    static let audienceText = TextTable(audiences)
    /// Longest text `write` makes, bytes.
    static let maxLength = 9 + 1 + 12 + 1 + 29 + 1 + 14 + 3

    /// Writes the query of `seed` at `p` (spaces as "+" when `plus`), returns its length.
    @inline(__always)
    static func write(_ seed: UInt32, plus: Bool, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var r = RandomStream(seed: Hash.mix(UInt64(seed), 0x7A11_9E47))
        let space: UInt8 = plus ? 0x2b : 0x20
        var n = 0
        func word(_ bytes: UnsafeRawBufferPointer) {
            if n > 0 { p[n] = space; n += 1 }
            for byte in bytes { p[n] = byte == 0x20 ? space : byte; n += 1 }
        }
        let shape = r.next()
        if shape & 1 == 0 { word(brands.bytes(Int(r.next(below: UInt64(brandNames.count))))) }
        if shape & 6 != 0 { word(attributeText.bytes(Int(r.next(below: UInt64(attributes.count))))) }
        word(heads.bytes(Int(r.next(below: UInt64(headSearchQueries.count)))))
        guard shape & 24 != 0 else { return n }
        p[n] = space; n += 1
        let kind = Int(r.next(below: 10))   // the cases below
        let number = 2 + r.next(below: kind == 0 ? 14 : 499)
        switch kind {
        case 1, 3, 4, 9:   // "under 35", "12 pack", "55 inch", "800 watt"
            if kind == 1 { n += put("under", space, p + n) }
            n += TextEncoding.writeDecimal(number, to: p + n)
            if kind == 3 { n += put("pack", space, p + n, leading: true) }
            if kind == 4 { n += put("inch", space, p + n, leading: true) }
            if kind == 9 { n += put("watt", space, p + n, leading: true) }
        case 5:            // "model x417"
            n += put("model", space, p + n)
            p[n] = 0x61 &+ UInt8(r.next(below: 26)); n += 1
            n += TextEncoding.writeDecimal(number, to: p + n)
        case 6:            // "for dad"
            n += put("for", space, p + n)
            for byte in audienceText.bytes(Int(r.next(below: UInt64(audiences.count)))) { p[n] = byte; n += 1 }
        case 7:            // "set of 6"
            n += put("set of", space, p + n)
            n += TextEncoding.writeDecimal(2 + number % 11, to: p + n)
        default:           // 0, 2, 8: "size 9", or a year
            if kind == 0 { n += put("size", space, p + n) }
            n += TextEncoding.writeDecimal(kind == 0 ? number : 2015 + number % 11, to: p + n)
        }
        return n
    }

    /// Writes `text` (its spaces as `space`) and a space after it, or before it when `leading`.
    @inline(__always)
    static func put(_ text: StaticString, _ space: UInt8, _ p: UnsafeMutablePointer<UInt8>, leading: Bool = false) -> Int {
        var n = 0
        if leading { p[0] = space; n = 1 }
        let bytes = text.utf8Start
        for i in 0..<text.utf8CodeUnitCount { p[n] = bytes[i] == 0x20 ? space : bytes[i]; n += 1 }
        if !leading { p[n] = space; n += 1 }
        return n
    }
}
