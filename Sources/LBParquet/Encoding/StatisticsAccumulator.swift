/// Running min/max of one column chunk, in the spec's order for its type:
/// signed for integers, NaN-free for floating point, byte-wise unsigned for
/// strings, false < true for booleans.
final class StatisticsAccumulator {
    let type: ParquetType
    private var intMin = Int64.max
    private var intMax = Int64.min
    // Start inverted: NaN never wins a comparison, so min > max afterwards
    // means "no non-NaN value".
    private var floatMin = Double.infinity
    private var floatMax = -Double.infinity
    var booleans = BooleanRange()
    private let stringMin = ByteBuffer(capacity: 256)
    private let stringMax = ByteBuffer(capacity: 256)
    private var hasValue = false
    private let narrowed = ScalarBuffer<UInt32>(capacity: 16)

    init(type: ParquetType) { self.type = type }

    func reset() {
        intMin = .max
        intMax = .min
        floatMin = .infinity
        floatMax = -.infinity
        booleans = BooleanRange()
        stringMin.removeAll()
        stringMax.removeAll()
        hasValue = false
    }

    /// Present values of a fixed-width type, packed (a PLAIN page body).
    func addFixed(_ values: UnsafeRawPointer, count: Int) {
        if count == 0 { return }
        switch type {
        case .int32, .date:
            let (lo, hi) = Self.bounds(values, count, as: Int32.self)
            addInts(Int64(lo), Int64(hi))
        case .int64, .timestampMicros:
            let (lo, hi) = Self.bounds(values, count, as: Int64.self)
            addInts(lo, hi)
        case .float:
            let (lo, hi) = Self.bounds(values, count, as: Float.self)
            addFloats(Double(lo), Double(hi))
        case .double:
            let (lo, hi) = Self.bounds(values, count, as: Double.self)
            addFloats(lo, hi)
        case .boolean, .string:
            preconditionFailure("not a fixed-width type")
        }
    }

    /// The least and greatest of `count` integers.
    @inline(__always)
    private static func bounds<T: FixedWidthInteger>(_ values: UnsafeRawPointer, _ count: Int, as: T.Type) -> (T, T) {
        let p = values.assumingMemoryBound(to: T.self)
        var lo = T.max, hi = T.min
        for i in 0..<count {
            lo = Swift.min(lo, p[i])
            hi = Swift.max(hi, p[i])
        }
        return (lo, hi)
    }

    /// The least and greatest of `count` floats; NaNs are passed over (every
    /// comparison with one is false), as the format asks.
    @inline(__always)
    private static func bounds<T: BinaryFloatingPoint>(_ values: UnsafeRawPointer, _ count: Int, as: T.Type) -> (T, T) {
        let p = values.assumingMemoryBound(to: T.self)
        var lo = T.infinity, hi = -T.infinity
        for i in 0..<count {
            let v = p[i]
            lo = v < lo ? v : lo
            hi = v > hi ? v : hi
        }
        return (lo, hi)
    }

    @inline(__always)
    private func addInts(_ lo: Int64, _ hi: Int64) {
        intMin = Swift.min(intMin, lo)
        intMax = Swift.max(intMax, hi)
        hasValue = true
    }

    @inline(__always)
    private func addFloats(_ lo: Double, _ hi: Double) {
        floatMin = lo < floatMin ? lo : floatMin
        floatMax = hi > floatMax ? hi : floatMax
        hasValue = true
    }

    /// A string that may be the new min, max or both.
    func addString(_ p: UnsafeRawPointer, _ n: Int) {
        if !hasValue || ByteOrder.less(p, n, stringMin.base, stringMin.count) {
            stringMin.removeAll()
            stringMin.append(p, count: n)
        }
        if !hasValue || ByteOrder.less(stringMax.base, stringMax.count, p, n) {
            stringMax.removeAll()
            stringMax.append(p, count: n)
        }
        hasValue = true
    }

    /// Every entry of a dictionary: the chunk's dictionary-encoded pages use
    /// exactly these values, so their min/max is the pages' min/max.
    func addDictionary(_ dictionary: FixedDictionary) {
        let entries = dictionary.entries.base
        if dictionary.width == 8 {
            addFixed(entries, count: dictionary.count)
            return
        }
        // 4-byte types sit zero-extended in the entries: narrow them first.
        narrowed.reserve(total: dictionary.count)
        for e in 0..<dictionary.count {
            narrowed.base[e] = UInt32(truncatingIfNeeded: entries[e])
        }
        addFixed(narrowed.base, count: dictionary.count)
    }

    func addDictionary(_ dictionary: StringDictionary) {
        for e in 0..<dictionary.count {
            let entry = dictionary.entry(e)
            addString(entry.pointer, entry.count)
        }
    }

    /// Footer statistics; min/max left out when there is no value to bound,
    /// or when either is longer than `maxValueSize`.
    func result(nullCount: Int64, maxValueSize: Int) -> ChunkStatistics {
        var stats = ChunkStatistics(nullCount: nullCount, min: nil, max: nil)
        switch type {
        case .boolean:
            guard booleans.hasFalse || booleans.hasTrue else { return stats }
            stats.min = [booleans.hasFalse ? 0 : 1]
            stats.max = [booleans.hasTrue ? 1 : 0]
        case .int32, .date:
            guard hasValue else { return stats }
            stats.min = littleEndianBytes(Int32(truncatingIfNeeded: intMin))
            stats.max = littleEndianBytes(Int32(truncatingIfNeeded: intMax))
        case .int64, .timestampMicros:
            guard hasValue else { return stats }
            stats.min = littleEndianBytes(intMin)
            stats.max = littleEndianBytes(intMax)
        case .float, .double:
            guard hasValue, floatMin <= floatMax else { return stats }
            // The spec: a zero min is written -0.0 and a zero max +0.0, so
            // readers that skip on bounds never miss the other zero.
            let lo = floatMin == 0 ? -0.0 : floatMin
            let hi = floatMax == 0 ? 0.0 : floatMax
            if type == .float {
                stats.min = littleEndianBytes(Float(lo).bitPattern)
                stats.max = littleEndianBytes(Float(hi).bitPattern)
            } else {
                stats.min = littleEndianBytes(lo.bitPattern)
                stats.max = littleEndianBytes(hi.bitPattern)
            }
        case .string:
            guard hasValue, stringMin.count <= maxValueSize, stringMax.count <= maxValueSize else { return stats }
            stats.min = stringMin.toArray()
            stats.max = stringMax.toArray()
        }
        if let min = stats.min, let max = stats.max, Swift.max(min.count, max.count) > maxValueSize {
            stats.min = nil
            stats.max = nil
        }
        return stats
    }

    private func littleEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}
