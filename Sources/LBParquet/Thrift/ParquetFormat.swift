/// Numeric codes from parquet.thrift, grouped by the enum they belong to.
enum ParquetFormat {
    enum PhysicalType: Int32 {
        case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5
        case byteArray = 6, fixedLenByteArray = 7
    }

    enum ConvertedType: Int32 {
        case utf8 = 0, date = 6
    }

    enum Repetition: Int32 {
        case required = 0, optional = 1, repeated = 2
    }

    enum Encoding: Int32 {
        case plain = 0, plainDictionary = 2, rle = 3, bitPacked = 4, rleDictionary = 8
    }

    enum Codec: Int32 {
        case uncompressed = 0, snappy = 1, zstd = 6, lz4Raw = 7
    }

    enum PageType: Int32 {
        case dataPage = 0, dictionaryPage = 2
    }

    /// LogicalType union field ids.
    enum LogicalTypeField: Int16 {
        case string = 1, date = 6, timestamp = 8
    }

    /// TimeUnit union field ids.
    enum TimeUnitField: Int16 {
        case millis = 1, micros = 2, nanos = 3
    }
}
