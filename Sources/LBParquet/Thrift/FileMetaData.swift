/// The footer: schema, row groups with their column chunks, key-value
/// metadata, created_by and column orders.
struct FileMetaData {
    /// A row group as placed in the file: chunk offsets are absolute.
    struct RowGroup {
        var numRows: Int64
        var columns: [ColumnChunkMetadata]
        var ordinal: Int16
    }

    var schema: ParquetSchema
    var rowGroups: [RowGroup]
    var keyValueMetadata: [(key: String, value: String)]
    var createdBy: String

    func encode() -> [UInt8] {
        var w = CompactWriter()
        w.beginStruct()
        w.field(1, i32: 2)  // version
        writeSchema(into: &w)
        w.field(3, i64: rowGroups.reduce(0) { $0 + $1.numRows })
        w.fieldListHeader(4, .structure, count: rowGroups.count)
        for rowGroup in rowGroups { write(rowGroup, into: &w) }
        if !keyValueMetadata.isEmpty {
            w.fieldListHeader(5, .structure, count: keyValueMetadata.count)
            for (key, value) in keyValueMetadata {
                w.beginStruct()
                w.field(1, string: key)
                w.field(2, string: value)
                w.endStruct()
            }
        }
        w.field(6, string: createdBy)
        // TypeDefinedOrder for every column: tells readers min_value/max_value
        // follow the spec's orders (unsigned bytes for strings).
        w.fieldListHeader(7, .structure, count: schema.columns.count)
        for _ in schema.columns {
            w.beginStruct()
            w.emptyStructField(1)
            w.endStruct()
        }
        w.endStruct()
        return w.bytes
    }

    private func writeSchema(into w: inout CompactWriter) {
        w.fieldListHeader(2, .structure, count: schema.columns.count + 1)
        w.beginStruct()
        w.field(4, string: "schema")
        w.field(5, i32: Int32(schema.columns.count))
        w.endStruct()
        for column in schema.columns {
            w.beginStruct()
            w.field(1, i32: column.type.physicalType.rawValue)
            let repetition: ParquetFormat.Repetition = column.nullable ? .optional : .required
            w.field(3, i32: repetition.rawValue)
            w.field(4, string: column.name)
            if let converted = column.type.convertedType {
                w.field(6, i32: converted.rawValue)
            }
            column.type.writeLogicalType(into: &w)
            w.endStruct()
        }
    }

    private func write(_ rowGroup: RowGroup, into w: inout CompactWriter) {
        w.beginStruct()
        w.fieldListHeader(1, .structure, count: rowGroup.columns.count)
        for (index, chunk) in rowGroup.columns.enumerated() {
            w.beginStruct()
            w.field(2, i64: chunk.firstPageOffset)  // file_offset
            w.beginStructField(3)
            write(chunk, path: schema.columns[index].name, into: &w)
            w.endStruct()
            w.endStruct()
        }
        w.field(2, i64: rowGroup.columns.reduce(0) { $0 + $1.totalUncompressedSize })
        w.field(3, i64: rowGroup.numRows)
        w.field(5, i64: rowGroup.columns.first?.firstPageOffset ?? 4)
        w.field(6, i64: rowGroup.columns.reduce(0) { $0 + $1.totalCompressedSize })
        w.field(7, i16: rowGroup.ordinal)
        w.endStruct()
    }

    private func write(_ chunk: ColumnChunkMetadata, path: String, into w: inout CompactWriter) {
        w.field(1, i32: chunk.physicalType.rawValue)
        w.fieldListHeader(2, .i32, count: chunk.encodings.count)
        for encoding in chunk.encodings {
            w.writeVarint(CompactWriter.zigzag(Int64(encoding.rawValue)))
        }
        w.fieldListHeader(3, .binary, count: 1)
        w.writeBinary(Array(path.utf8))
        w.field(4, i32: chunk.codec.rawValue)
        w.field(5, i64: chunk.numValues)
        w.field(6, i64: chunk.totalUncompressedSize)
        w.field(7, i64: chunk.totalCompressedSize)
        w.field(9, i64: chunk.dataPageOffset)
        if let dictionaryPageOffset = chunk.dictionaryPageOffset {
            w.field(11, i64: dictionaryPageOffset)
        }
        w.beginStructField(12)
        chunk.statistics.encode(into: &w)
        w.endStruct()
    }
}
