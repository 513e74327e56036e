import LBDomainKit

/// Where a written column's rows go in a batch: the kit's typed handle,
/// resolved by name once per run and checked against the declared type.
enum BatchSlot {
    case boolean(FixedColumnHandle<UInt8>)
    case int32(FixedColumnHandle<Int32>)
    case int64(FixedColumnHandle<Int64>)
    case float(FixedColumnHandle<Float>)
    case double(FixedColumnHandle<Double>)
    case category(CategoryColumnHandle)
    case string(StringColumnHandle)

    init(_ name: String, _ type: ColumnType, in columns: [ColumnSpec]) throws {
        switch type {
        case .boolean: self = .boolean(try FixedColumnHandle(name, in: columns))
        case .int32, .date: self = .int32(try FixedColumnHandle(name, in: columns))
        case .int64, .timestampMicros: self = .int64(try FixedColumnHandle(name, in: columns))
        case .float: self = .float(try FixedColumnHandle(name, in: columns))
        case .double: self = .double(try FixedColumnHandle(name, in: columns))
        case .category: self = .category(try CategoryColumnHandle(name, in: columns))
        case .string: self = .string(try StringColumnHandle(name, in: columns))
        }
    }

    /// The batch's buffers for the column, as the views read them.
    func view(_ batch: Batch, type: ColumnType, labels: TextTable?, placeholder: UnsafeMutableRawPointer) -> ColumnView {
        func fixed<T>(_ column: FixedColumn<T>) -> ColumnView {
            ColumnView(values: UnsafeMutableRawPointer(column.values), validity: column.validity, column: nil, type: type, labels: labels)
        }
        switch self {
        case .boolean(let handle): return fixed(batch[handle])
        case .int32(let handle): return fixed(batch[handle])
        case .int64(let handle): return fixed(batch[handle])
        case .float(let handle): return fixed(batch[handle])
        case .double(let handle): return fixed(batch[handle])
        case .category(let handle): return fixed(batch[handle])
        case .string(let handle):
            // Read back through the ABI column once written: its bytes may move while appended to.
            let column = batch.rawColumn(handle)
            return ColumnView(values: placeholder, validity: column.pointee.validity, column: column, type: type, labels: labels)
        }
    }
}
