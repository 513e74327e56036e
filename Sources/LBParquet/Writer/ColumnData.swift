/// A non-owning view of one column's input for a run of rows. The caller
/// fills these buffers in place; the writer reads them without copying.
///
/// - Fixed-width types: `values` points at `rowCount` elements (BOOLEAN: one
///   byte a row).
/// - STRING: row `r` is `bytes[offsets[r] ..< offsets[r + 1]]`.
/// - Nullable columns: `validity` has one byte a row, 1 = value, 0 = null;
///   a null row's value is ignored. Nil means every row has a value.
public struct ColumnData {
    public var values: UnsafeRawPointer?
    public var validity: UnsafePointer<UInt8>?
    public var offsets: UnsafePointer<UInt32>?
    public var bytes: UnsafePointer<UInt8>?

    public init(
        values: UnsafeRawPointer? = nil,
        validity: UnsafePointer<UInt8>? = nil,
        offsets: UnsafePointer<UInt32>? = nil,
        bytes: UnsafePointer<UInt8>? = nil
    ) {
        self.values = values
        self.validity = validity
        self.offsets = offsets
        self.bytes = bytes
    }
}
