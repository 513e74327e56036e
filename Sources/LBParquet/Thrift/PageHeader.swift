/// A page header: a v1 data page or a dictionary page.
struct PageHeader {
    enum Kind {
        /// `encoding` is PLAIN or RLE_DICTIONARY; levels are always RLE.
        case data(numValues: Int32, encoding: ParquetFormat.Encoding)
        case dictionary(numValues: Int32)
    }

    var kind: Kind
    var uncompressedSize: Int32
    var compressedSize: Int32

    /// No header encodes longer: at most seven i32 fields of 6 bytes (field
    /// byte, 5-byte varint), a nested struct's field byte and two stops.
    static let maximumBytes = 64

    func encode(into w: inout CompactWriter) {
        w.beginStruct()
        switch kind {
        case .data(let numValues, let encoding):
            w.field(1, i32: ParquetFormat.PageType.dataPage.rawValue)
            w.field(2, i32: uncompressedSize)
            w.field(3, i32: compressedSize)
            w.beginStructField(5)  // DataPageHeader
            w.field(1, i32: numValues)
            w.field(2, i32: encoding.rawValue)
            w.field(3, i32: ParquetFormat.Encoding.rle.rawValue)
            w.field(4, i32: ParquetFormat.Encoding.rle.rawValue)
            w.endStruct()
        case .dictionary(let numValues):
            w.field(1, i32: ParquetFormat.PageType.dictionaryPage.rawValue)
            w.field(2, i32: uncompressedSize)
            w.field(3, i32: compressedSize)
            w.beginStructField(7)  // DictionaryPageHeader
            w.field(1, i32: numValues)
            w.field(2, i32: ParquetFormat.Encoding.plain.rawValue)
            w.endStruct()
        }
        w.endStruct()
    }
}
