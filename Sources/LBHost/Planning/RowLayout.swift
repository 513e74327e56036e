/// How rows are cut into files, row groups and batches. Fixed by the inputs
/// alone (never by worker count or node split), so every worker and node
/// cuts the same way and random streams line up.
public struct RowLayout: Sendable, Hashable {
    public let rowsPerFile: Int
    public let rowsPerRowGroup: Int
    /// Rows a plugin fills at once; also the rows of one data page.
    public let rowsPerBatch: Int
    /// Encoded bytes per row measured on a sample, for sizing.
    public let bytesPerRow: Double

    public init(rowsPerFile: Int, rowsPerRowGroup: Int, rowsPerBatch: Int, bytesPerRow: Double) {
        self.rowsPerFile = rowsPerFile
        self.rowsPerRowGroup = rowsPerRowGroup
        self.rowsPerBatch = rowsPerBatch
        self.bytesPerRow = bytesPerRow
    }
}
