import CLBDomain
import FuzzSupport

/// A plugin's behaviour made from fuzz bytes: 1–4 columns of every ABI
/// type, nullable or not; the labels of category columns (now and then
/// none, a NULL or a non-UTF-8 one); the row layout; and what each fill
/// writes: values of any bit pattern, nulls, strings long enough to make
/// the host grow the arena, and now and then one breach of the ABI (a
/// validity byte or boolean other than 0 or 1, string offsets that start
/// past 0, go backwards or past the arena, a label index past the labels),
/// a failed fill, or a scribbled row count. The bytes are read in order;
/// past their end every read is zero, and zeros make a well-behaved plugin.
struct BatchCase {
    struct Column {
        let name: String
        let type: lb_type
        let nullable: Bool
        /// Category columns: the labels the plugin names (nil entries are NULL pointers).
        let labels: [[UInt8]?]?
    }

    static let types: [lb_type] = [
        LB_TYPE_BOOLEAN, LB_TYPE_INT32, LB_TYPE_INT64, LB_TYPE_FLOAT, LB_TYPE_DOUBLE,
        LB_TYPE_STRING, LB_TYPE_TIMESTAMP_MICROS, LB_TYPE_DATE, LB_TYPE_CATEGORY,
    ]

    var columns: [Column] = []
    var rowsPerBatch = 1
    /// Rows of each row group, in order.
    var rowGroups: [Int] = []
    var codec: UInt8 = 0
    /// Read by the plugin's fills, in the order the host calls them.
    var input: FuzzBytes

    init(_ bytes: UnsafeRawBufferPointer) {
        input = FuzzBytes(bytes)
        for index in 0..<(1 + Int(input.byte() % 4)) {
            let choice = input.byte()
            let type = Self.types[Int(choice % 9)]
            var labels: [[UInt8]?]?
            if type == LB_TYPE_CATEGORY {
                let count = input.byte()
                switch count {
                case 0xff: labels = []
                case 0xfe: labels = [Array("a".utf8), nil]
                case 0xfd: labels = [Array("a".utf8), [0x62, 0xff]]
                default: labels = (0..<(1 + Int(count % 4))).map { Array("label-\($0)".utf8) }
                }
            }
            columns.append(Column(name: "c\(index)", type: type, nullable: choice & 0x10 != 0, labels: labels))
        }
        rowsPerBatch = 1 + Int(input.byte() % 16)
        rowGroups = (0..<(1 + Int(input.byte() % 3))).map { _ in 1 + Int(input.byte() % 48) }
        codec = input.byte() % 4
    }

    /// Why the host must refuse the plugin at open, if it must.
    var labelProblem: String? {
        for column in columns {
            guard let labels = column.labels else { continue }
            if labels.isEmpty { return "category column \(column.name) has no labels" }
            for (index, label) in labels.enumerated() {
                guard let label else { return "label \(index) of column \(column.name) is NULL" }
                if String(validating: label, as: UTF8.self) == nil {
                    return "label \(index) of column \(column.name) is not UTF-8"
                }
            }
        }
        return nil
    }
}

extension FuzzBytes {
    mutating func raw(_ count: Int) -> [UInt8] { (0..<count).map { _ in byte() } }
}
