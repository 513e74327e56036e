/// A domain asked for a column its schema does not declare, or for one with
/// another type; `description` is one line naming the column.
public enum ColumnLookupError: Error, CustomStringConvertible, Sendable, Equatable {
    case noSuchColumn(String)
    case wrongType(column: String, declared: ColumnType, asked: String)

    public var description: String {
        switch self {
        case .noSuchColumn(let name):
            "the schema declares no column \(name)"
        case .wrongType(let name, let declared, let asked):
            "column \(name) is declared \(declared): it cannot be read as \(asked)"
        }
    }

    static func find(_ name: String, in columns: [ColumnSpec]) throws -> (Int, ColumnSpec) {
        guard let index = columns.firstIndex(where: { $0.name == name }) else { throw noSuchColumn(name) }
        return (index, columns[index])
    }

    /// The position of column `name`, which must be declared `type`.
    static func find(_ name: String, in columns: [ColumnSpec], declared type: ColumnType) throws -> Int {
        let (index, spec) = try find(name, in: columns)
        guard spec.type == type else { throw wrongType(column: name, declared: spec.type, asked: "\(type)") }
        return index
    }
}
