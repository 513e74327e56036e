/// A flat schema: columns in file order.
public struct ParquetSchema: Sendable, Hashable {
    public var columns: [ParquetColumn]

    public init(columns: [ParquetColumn]) {
        self.columns = columns
    }
}
