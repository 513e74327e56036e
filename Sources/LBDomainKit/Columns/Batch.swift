import CLBDomain

/// The rows a `fill` call must produce: where they sit in the run, their
/// random streams, and the host's column buffers.
public struct Batch {
    @usableFromInline let raw: UnsafeMutablePointer<lb_batch>

    @inlinable
    public init(_ raw: UnsafeMutablePointer<lb_batch>) {
        self.raw = raw
    }

    /// Run seed: per-entity attributes derive from it and the entity id alone.
    @inlinable public var seed: UInt64 { raw.pointee.seed }
    @inlinable public var fileID: UInt64 { raw.pointee.file_id }
    /// Rows of every planned file (global row number = fileID × rowsPerFile + row).
    @inlinable public var rowsPerFile: UInt64 { raw.pointee.rows_per_file }
    /// Rows of this file.
    @inlinable public var rowsInFile: UInt64 { raw.pointee.rows_in_file }
    /// Row index, within the file, of this batch's first row.
    @inlinable public var firstRow: UInt64 { raw.pointee.first_row }
    @inlinable public var rowCount: Int { Int(raw.pointee.row_count) }

    /// Random stream number `index` of this batch.
    @inlinable
    public func stream(_ index: UInt64) -> RandomStream {
        RandomStream(seed: lb_stream_seed(raw.pointee.stream_key, index))
    }

    /// The rows of a fixed-width column, by a handle resolved in `init`.
    @inlinable
    public subscript<Value>(column: FixedColumnHandle<Value>) -> FixedColumn<Value> {
        FixedColumn(raw.pointee.columns[checked(column.index)])
    }

    /// The rows of a string column: append one value per row, in order.
    @inlinable
    public subscript(column: StringColumnHandle) -> StringColumn {
        StringColumn(raw.pointee.columns + checked(column.index), host: raw.pointee.host)
    }

    /// The label index of each row of a category column.
    @inlinable
    public subscript(column: CategoryColumnHandle) -> FixedColumn<UInt32> {
        FixedColumn(raw.pointee.columns[checked(column.index)])
    }

    /// A handle's index within this batch's columns (a handle of another
    /// domain's schema could point past them).
    @inlinable
    func checked(_ index: Int) -> Int {
        precondition(index < Int(raw.pointee.column_count), "lb-datagen: column \(index) of a batch with \(raw.pointee.column_count) columns")
        return index
    }

    /// A string column's ABI buffers as the host handed them, to read back
    /// values already written (its bytes may move while it is being
    /// appended to, so a pointer taken earlier would dangle).
    @inlinable
    public func rawColumn(_ column: StringColumnHandle) -> UnsafeMutablePointer<lb_column> {
        raw.pointee.columns + checked(column.index)
    }
}
