import CLBDomain

/// A string column of a batch. Rows are appended in order, exactly one call
/// per row; the arena grows through the host when needed.
public struct StringColumn {
    @usableFromInline let column: UnsafeMutablePointer<lb_column>
    @usableFromInline let host: UnsafePointer<lb_host_api>
    @usableFromInline let offsets: UnsafeMutablePointer<UInt32>
    @usableFromInline let validity: UnsafeMutablePointer<UInt8>?
    @usableFromInline var bytes: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var length: Int = 0
    @usableFromInline var row: Int = 0

    @inlinable
    init(_ column: UnsafeMutablePointer<lb_column>, host: UnsafePointer<lb_host_api>) {
        self.column = column
        self.host = host
        offsets = column.pointee.offsets!
        validity = column.pointee.validity
        bytes = column.pointee.bytes!
        capacity = column.pointee.bytes_capacity
        offsets[0] = 0
    }

    /// Makes room for `extra` more bytes.
    @inlinable
    public mutating func reserve(_ extra: Int) {
        if length + extra > capacity { grow(to: length + extra) }
    }

    @usableFromInline
    mutating func grow(to needed: Int) {
        let target = max(needed, capacity * 2)
        guard host.pointee.reserve_bytes(column, target) == 0 else {
            fatalError("lb-datagen: out of memory growing a string column to \(target) bytes")
        }
        bytes = column.pointee.bytes!
        capacity = column.pointee.bytes_capacity
    }

    @inlinable
    mutating func endRow() {
        offsets[row + 1] = UInt32(truncatingIfNeeded: length)
        row += 1
    }

    @inlinable
    public mutating func append(_ value: UnsafeRawBufferPointer) {
        reserve(value.count)
        if value.count > 0 {
            (bytes + length).update(from: value.baseAddress!.assumingMemoryBound(to: UInt8.self), count: value.count)
        }
        length += value.count
        endRow()
    }

    /// Appends entry `index` of a text table.
    @inlinable
    public mutating func append(_ table: TextTable, _ index: Int) {
        append(table.bytes(index))
    }

    /// Appends a value written in place: `body` gets room for `maxLength`
    /// bytes and returns how many it wrote.
    @inlinable
    public mutating func append(maxLength: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maxLength)
        length += body(bytes + length)
        endRow()
    }

    /// Appends a null row (the column must be nullable).
    @inlinable
    public mutating func appendNull() {
        validity![row] = 0
        endRow()
    }
}
