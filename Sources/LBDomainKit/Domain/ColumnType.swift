import CLBDomain

/// Column types a domain can declare (mirrors `lb_type`).
public enum ColumnType: UInt32, Sendable {
    case boolean = 1
    case int32 = 2
    case int64 = 3
    case float = 4
    case double = 5
    case string = 6
    case timestampMicros = 7
    case date = 8
    /// One of a few fixed strings: a row holds its label's index (set through
    /// `Batch.category`), the domain names the labels in `labels(for:)`,
    /// and files hold a dictionary-encoded string.
    case category = 9
}
