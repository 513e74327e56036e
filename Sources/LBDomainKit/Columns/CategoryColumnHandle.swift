/// A `.category` column of a domain's schema, found by name once (in the
/// domain's `init`); `batch[handle]` gives its rows' label indices.
public struct CategoryColumnHandle: Sendable {
    public let name: String
    /// The column's position in the declared schema.
    public let index: Int

    /// The column `name` of `columns`; throws one line naming the column
    /// when there is none or it is not declared `.category`.
    public init(_ name: String, in columns: [ColumnSpec]) throws {
        self.index = try ColumnLookupError.find(name, in: columns, declared: .category)
        self.name = name
    }
}
