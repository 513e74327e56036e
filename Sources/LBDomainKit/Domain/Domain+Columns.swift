extension Domain {
    /// The fixed-width column `name` of this domain's schema, checked to
    /// hold `Value`s: resolve it once in `init`, use `batch[handle]` in
    /// `fill`. Throws one line naming the column otherwise.
    public static func fixedColumn<Value: FixedColumnValue>(_ name: String, as type: Value.Type = Value.self) throws -> FixedColumnHandle<Value> {
        try FixedColumnHandle(name, in: columns, as: type)
    }

    /// The `.string` column `name` of this domain's schema.
    public static func stringColumn(_ name: String) throws -> StringColumnHandle {
        try StringColumnHandle(name, in: columns)
    }

    /// The `.category` column `name` of this domain's schema.
    public static func categoryColumn(_ name: String) throws -> CategoryColumnHandle {
        try CategoryColumnHandle(name, in: columns)
    }
}
