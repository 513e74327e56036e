/// When a rule of a column applies to a row: a test of another column's
/// value in the same row. A null value is in no set.
enum Condition {
    /// A category's label index is marked in `members`.
    case labels(column: Int, members: [Bool])
    /// A string column's value is one of these.
    case texts(column: Int, values: [[UInt8]])
    /// An integer or boolean value is one of these.
    case ints(column: Int, values: [Int64])
    /// A number lies in min...max.
    case range(column: Int, min: Double, max: Double)
    case isNull(column: Int, Bool)
    /// The test turned around (`not_in`); still false on nulls.
    indirect case not(Condition)

    var column: Int {
        switch self {
        case .labels(let c, _), .texts(let c, _), .ints(let c, _), .range(let c, _, _), .isNull(let c, _): c
        case .not(let inner): inner.column
        }
    }

    @inline(__always)
    func holds(_ row: Int, _ views: UnsafePointer<ColumnView>) -> Bool {
        switch self {
        case .isNull(let c, let expected): return views[c].isNull(row) == expected
        case .not(let inner): return !views[inner.column].isNull(row) && !inner.holds(row, views)
        default: break
        }
        let view = views[column]
        if view.isNull(row) { return false }
        switch self {
        case .labels(_, let members): return members.withUnsafeBufferPointer { $0[view.label(row)] }
        case .texts(_, let values):
            let bytes = view.bytes(row)
            return values.contains { $0.elementsEqual(bytes) }
        case .ints(_, let values): return values.contains(view.int(row))
        case .range(_, let min, let max):
            let value = view.real(row)
            return value >= min && value <= max
        case .isNull, .not: return false
        }
    }
}
