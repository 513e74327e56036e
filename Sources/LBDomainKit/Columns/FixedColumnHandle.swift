/// A fixed-width column of a domain's schema, found by name once (in the
/// domain's `init`) and checked to hold `Value`s; `batch[handle]` gives its
/// rows in a batch.
public struct FixedColumnHandle<Value: FixedColumnValue>: Sendable {
    public let name: String
    /// The column's position in the declared schema.
    public let index: Int

    /// The column `name` of `columns`; throws one line naming the column
    /// when there is none or its declared type does not store `Value`.
    public init(_ name: String, in columns: [ColumnSpec], as type: Value.Type = Value.self) throws {
        let (index, spec) = try ColumnLookupError.find(name, in: columns)
        guard Value.stores(spec.type), MemoryLayout<Value>.stride == spec.type.elementWidth else {
            throw ColumnLookupError.wrongType(column: name, declared: spec.type, asked: "\(Value.self)")
        }
        self.name = name
        self.index = index
    }
}
