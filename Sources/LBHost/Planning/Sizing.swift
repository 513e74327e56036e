import LBParquet

/// Finds the row layout that makes files of the requested size: a sample
/// of rows is generated and encoded with the run's real codec and settings,
/// and its bytes per row decide rows per file. Deterministic: the sample is
/// the same on every node.
enum Sizing {
    /// Bytes of raw column data a batch (and so a page) should hold: 1 MiB,
    /// the usual Parquet page size. A batch is filled, copied into pages
    /// and compressed while it sits in the core's own cache; at 8 MiB two
    /// workers fought over the shared cache and scaled 1.75× instead of 1.87×.
    static let batchBytes = 1 << 20
    /// Raw bytes the sample should hold.
    static let sampleBytes = 16 << 20

    static func measure(
        domain: DomainInstance, options: WriterOptions, fileBytes: Double, rowGroupBytes: Int
    ) throws -> (layout: RowLayout, stringBytesPerRow: [Int]) {
        // 1. Raw width of a row, from a small probe.
        let probeRows = 1024
        let probeLayout = RowLayout(rowsPerFile: probeRows, rowsPerRowGroup: probeRows, rowsPerBatch: probeRows, bytesPerRow: 0)
        let columns = domain.schema.columns
        let probe = RowGroupProducer(domain: domain, layout: probeLayout, options: options,
                                     stringBytesPerRow: Array(repeating: 64, count: columns.count))
        try probe.fill(fileID: 0, rowsInFile: probeRows, firstRow: 0, rows: probeRows)
        let stringBytes = probe.lastBatchBytes(rows: probeRows)
        let stringBytesPerRow = stringBytes.map { ($0 + probeRows - 1) / probeRows }
        var rawBytesPerRow = 0
        for (index, column) in columns.enumerated() {
            rawBytesPerRow += column.hasStringBytes ? stringBytesPerRow[index] + 4 : column.valueWidth
            if column.nullable { rawBytesPerRow += 1 }
        }
        rawBytesPerRow = max(rawBytesPerRow, 1)
        var rowsPerBatch = 256
        while rowsPerBatch < 65536 && rowsPerBatch * 2 * rawBytesPerRow <= batchBytes { rowsPerBatch *= 2 }

        // 2. Encoded size of a sample with the real codec. When files are
        // smaller than the sample, measure again at the file's own size and
        // row-group shape, where per-chunk overhead (dictionaries, headers)
        // weighs more.
        var sampleRows = max(rowsPerBatch, min(65536, sampleBytes / rawBytesPerRow) / rowsPerBatch * rowsPerBatch)
        var layout = RowLayout(rowsPerFile: 0, rowsPerRowGroup: 0, rowsPerBatch: rowsPerBatch, bytesPerRow: 0)
        for _ in 0..<3 {
            let bytesPerRow = try measureBytesPerRow(domain: domain, options: options, rows: sampleRows,
                                                     rowsPerBatch: rowsPerBatch, stringBytesPerRow: stringBytesPerRow)
            let rowsPerFile = max(1, Int((fileBytes / bytesPerRow).rounded()))
            var rowsPerRowGroup = max(rowsPerBatch, Int(Double(rowGroupBytes) / bytesPerRow) / rowsPerBatch * rowsPerBatch)
            rowsPerRowGroup = min(rowsPerRowGroup, rowsPerFile)
            layout = RowLayout(rowsPerFile: rowsPerFile, rowsPerRowGroup: rowsPerRowGroup,
                               rowsPerBatch: min(rowsPerBatch, rowsPerRowGroup), bytesPerRow: bytesPerRow)
            guard rowsPerFile < sampleRows, rowsPerFile != sampleRows else { break }
            sampleRows = rowsPerFile
        }
        return (layout, stringBytesPerRow)
    }

    /// Encoded bytes per row of `rows` rows made as one file's row groups
    /// would be (footer included, as in a real file of that size).
    static func measureBytesPerRow(
        domain: DomainInstance, options: WriterOptions, rows: Int, rowsPerBatch: Int, stringBytesPerRow: [Int]
    ) throws -> Double {
        let batch = min(rowsPerBatch, rows)
        let layout = RowLayout(rowsPerFile: rows, rowsPerRowGroup: rows, rowsPerBatch: batch, bytesPerRow: 0)
        let producer = RowGroupProducer(domain: domain, layout: layout, options: options, stringBytesPerRow: stringBytesPerRow)
        let rowGroup = try producer.produce(fileID: 0, rowsInFile: rows, firstRow: 0, rowCount: rows)
        let footer = 64 * domain.info.columns.count + 512
        return max(Double(rowGroup.byteCount + footer) / Double(rows), 1)
    }
}
