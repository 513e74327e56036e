/// One flat column: REQUIRED when not nullable, OPTIONAL when nullable.
public struct ParquetColumn: Sendable, Hashable {
    public var name: String
    public var type: ParquetType
    public var nullable: Bool

    public init(name: String, type: ParquetType, nullable: Bool) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}
