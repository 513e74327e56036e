import CLBDomain

/// A fixed-width column of a batch (Int32, Int64, Float, Double, Bool, or
/// a category's UInt32 label index):
/// set rows in any order. Null rows of a nullable column are marked with
/// `setNull`; every row starts out valid.
public struct FixedColumn<Value> {
    public let values: UnsafeMutablePointer<Value>
    public let validity: UnsafeMutablePointer<UInt8>?

    @inlinable
    init(_ column: lb_column) {
        values = column.values!.assumingMemoryBound(to: Value.self)
        validity = column.validity
    }

    @inlinable
    public subscript(row: Int) -> Value {
        get { values[row] }
        nonmutating set { values[row] = newValue }
    }

    /// Marks `row` null (the column must be nullable).
    @inlinable
    public func setNull(_ row: Int) {
        validity![row] = 0
    }
}
