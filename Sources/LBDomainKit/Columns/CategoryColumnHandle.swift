/// A `.category` column of a domain's schema, found by name once (in the
/// domain's `init`); `batch[handle]` gives its rows' label indices.
public struct CategoryColumnHandle: Sendable {
    public let name: String
    /// The column's position in the declared schema.
    public let index: Int

    /// The column `name` of `columns`; throws one line naming the column
    /// when there is none or it is not declared `.category`.
    public init(_ name: String, in columns: [ColumnSpec]) throws {
        let (index, spec) = try ColumnLookupError.find(name, in: columns)
        guard spec.type == .category else {
            throw ColumnLookupError.wrongType(column: name, declared: spec.type, asked: "category")
        }
        self.name = name
        self.index = index
    }
}
