/// One column of a domain's schema.
public struct ColumnSpec: Sendable {
    public var name: String
    public var type: ColumnType
    public var nullable: Bool
    public var description: String

    public init(_ name: String, _ type: ColumnType, nullable: Bool = false, _ description: String = "") {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.description = description
    }
}
