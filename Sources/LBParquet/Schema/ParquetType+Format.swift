/// How each value type is spelled in the footer.
extension ParquetType {
    var physicalType: ParquetFormat.PhysicalType {
        switch self {
        case .boolean: return .boolean
        case .int32, .date: return .int32
        case .int64, .timestampMicros: return .int64
        case .float: return .float
        case .double: return .double
        case .string: return .byteArray
        }
    }

    /// The legacy annotation. TIMESTAMP_MICROS is left out on purpose: it
    /// implies isAdjustedToUTC = true, and our timestamps are local.
    var convertedType: ParquetFormat.ConvertedType? {
        switch self {
        case .string: return .utf8
        case .date: return .date
        default: return nil
        }
    }

    /// Writes SchemaElement.logicalType (field 10) when the type has one.
    func writeLogicalType(into w: inout CompactWriter) {
        switch self {
        case .string:
            w.beginStructField(10)
            w.emptyStructField(ParquetFormat.LogicalTypeField.string.rawValue)
            w.endStruct()
        case .date:
            w.beginStructField(10)
            w.emptyStructField(ParquetFormat.LogicalTypeField.date.rawValue)
            w.endStruct()
        case .timestampMicros:
            w.beginStructField(10)
            w.beginStructField(ParquetFormat.LogicalTypeField.timestamp.rawValue)
            w.field(1, bool: false)  // isAdjustedToUTC
            w.beginStructField(2)  // unit
            w.emptyStructField(ParquetFormat.TimeUnitField.micros.rawValue)
            w.endStruct()
            w.endStruct()
            w.endStruct()
        default:
            break
        }
    }
}
