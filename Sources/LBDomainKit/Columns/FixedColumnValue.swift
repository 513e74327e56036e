/// A Swift type whose values a fixed-width column holds, element for element
/// as the ABI lays them out: the kit checks it against the declared
/// `ColumnType` (and its width) when a domain resolves a column by name.
public protocol FixedColumnValue {
    /// Whether a column declared `type` stores this type's values.
    static func stores(_ type: ColumnType) -> Bool
}

extension Int64: FixedColumnValue {
    /// `.timestampMicros` is microseconds since 1970 as an Int64.
    public static func stores(_ type: ColumnType) -> Bool { type == .int64 || type == .timestampMicros }
}

extension Int32: FixedColumnValue {
    /// `.date` is days since 1970 as an Int32.
    public static func stores(_ type: ColumnType) -> Bool { type == .int32 || type == .date }
}

extension Double: FixedColumnValue {
    public static func stores(_ type: ColumnType) -> Bool { type == .double }
}

extension Float: FixedColumnValue {
    public static func stores(_ type: ColumnType) -> Bool { type == .float }
}

extension Bool: FixedColumnValue {
    public static func stores(_ type: ColumnType) -> Bool { type == .boolean }
}

/// A boolean as its byte, 0 or 1.
extension UInt8: FixedColumnValue {
    public static func stores(_ type: ColumnType) -> Bool { type == .boolean }
}
