import CLBDomain
import LBDomainKit

/// Where one column's rows sit during a fill (the batch's buffer, or
/// scratch memory for a hidden column), for the columns that read it.
struct ColumnView {
    var values: UnsafeMutableRawPointer
    var validity: UnsafeMutablePointer<UInt8>?
    /// String columns: the batch column, whose offsets and bytes are read
    /// after the column is filled (bytes may move while it is).
    var column: UnsafeMutablePointer<lb_column>?
    let type: ColumnType
    /// Category columns: the labels, by index.
    let labels: TextTable?

    @inline(__always)
    func isNull(_ row: Int) -> Bool {
        validity.map { $0[row] == 0 } ?? false
    }

    /// A numeric column's value as an integer (doubles truncate).
    @inline(__always)
    func int(_ row: Int) -> Int64 {
        switch type {
        case .boolean: Int64(values.load(fromByteOffset: row, as: UInt8.self))
        case .int32, .date: Int64(values.load(fromByteOffset: row * 4, as: Int32.self))
        case .int64, .timestampMicros: values.load(fromByteOffset: row * 8, as: Int64.self)
        case .float: Int64(exactly: values.load(fromByteOffset: row * 4, as: Float.self).rounded(.towardZero)) ?? 0
        case .double: Int64(exactly: values.load(fromByteOffset: row * 8, as: Double.self).rounded(.towardZero)) ?? 0
        case .category: Int64(values.load(fromByteOffset: row * 4, as: UInt32.self))
        case .string: 0
        }
    }

    @inline(__always)
    func real(_ row: Int) -> Double {
        switch type {
        case .float: Double(values.load(fromByteOffset: row * 4, as: Float.self))
        case .double: values.load(fromByteOffset: row * 8, as: Double.self)
        default: Double(int(row))
        }
    }

    /// A category's label index.
    @inline(__always)
    func label(_ row: Int) -> Int { Int(values.load(fromByteOffset: row * 4, as: UInt32.self)) }

    /// A string column's bytes of `row`.
    @inline(__always)
    func bytes(_ row: Int) -> UnsafeRawBufferPointer {
        let offsets = column!.pointee.offsets!
        let start = Int(offsets[row]), end = Int(offsets[row + 1])
        return UnsafeRawBufferPointer(start: column!.pointee.bytes! + start, count: end - start)
    }

    static func elementSize(_ type: ColumnType) -> Int {
        switch type {
        case .boolean: 1
        case .int32, .date, .float, .category: 4
        case .int64, .timestampMicros, .double: 8
        case .string: 0
        }
    }
}
