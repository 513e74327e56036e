import CLBDomain
import Foundation

/// One value as a fill wrote it, for the file's expected contents.
enum WrittenValue {
    case null, bool(Bool), int(Int64), float(UInt32), double(UInt64), text([UInt8])
}

/// What one fill wrote, and the start of what the host must say of it
/// when it breaks the ABI (nil: the host must take it).
struct FillRecord {
    var columns: [[WrittenValue]] = []
    var problem: String?
}

/// The plugin behind the fuzz descriptor: fills write what the case says
/// straight into the host's buffers, as a C plugin would, and note the
/// breaches they make.
final class FuzzPlugin {
    var fuzzCase: BatchCase
    private(set) var fills: [FillRecord] = []
    private var labelTables: [(UnsafeMutablePointer<UnsafePointer<CChar>?>, Int)] = []

    init(_ fuzzCase: BatchCase) { self.fuzzCase = fuzzCase }

    deinit {
        for (table, count) in labelTables {
            for index in 0..<count { free(UnsafeMutablePointer(mutating: table[index])) }
            table.deallocate()
        }
    }

    func labels(column: Int, into labelsOut: UnsafeMutablePointer<UnsafePointer<UnsafePointer<CChar>?>?>,
                count countOut: UnsafeMutablePointer<UInt32>) -> Int32 {
        guard let labels = fuzzCase.columns[column].labels else { return LB_STATUS_FAILED }
        let table = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: max(labels.count, 1))
        for (index, label) in labels.enumerated() {
            table[index] = label.map { bytes in
                let text = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
                for (offset, byte) in bytes.enumerated() { text[offset] = CChar(bitPattern: byte) }
                text[bytes.count] = 0
                return UnsafePointer(text)
            }
        }
        labelTables.append((table, labels.count))
        labelsOut.pointee = UnsafePointer(table)
        countOut.pointee = UInt32(labels.count)
        return LB_STATUS_OK
    }

    func fill(_ batch: UnsafeMutablePointer<lb_batch>, error: UnsafeMutablePointer<lb_error>?) -> Int32 {
        let rows = Int(batch.pointee.row_count)
        var record = FillRecord()
        if fuzzCase.input.byte() == 0xff {
            if let error { _ = withUnsafeMutableBytes(of: &error.pointee.message) { strcpy($0.baseAddress!.assumingMemoryBound(to: CChar.self), "fuzz plugin refuses") } }
            record.problem = "failed to fill rows"
            fills.append(record)
            return LB_STATUS_FAILED
        }
        var abiProblem: String?, labelProblem: String?
        for (index, column) in fuzzCase.columns.enumerated() {
            let slot = batch.pointee.columns + index
            let breach = fuzzCase.input.byte()
            let breachRow = Int(fuzzCase.input.byte()) % rows
            var valid = [Bool](repeating: true, count: rows)
            if column.nullable, let validity = slot.pointee.validity {
                for row in 0..<rows {
                    valid[row] = fuzzCase.input.byte() & 0x80 == 0
                    validity[row] = valid[row] ? 1 : 0
                }
                if breach == 0xf0 {
                    validity[breachRow] = 2 | fuzzCase.input.byte()
                    if abiProblem == nil { abiProblem = "column \(column.name) has a validity byte other than 0 or 1" }
                }
            }
            var written: [WrittenValue]
            switch column.type {
            case LB_TYPE_STRING:
                written = writeStrings(slot, batch: batch, rows: rows, valid: valid)
                if let problem = breakOffsets(slot, rows: rows, breach: breach, row: breachRow), abiProblem == nil {
                    abiProblem = "column \(column.name) has string offsets \(problem)"
                }
            case LB_TYPE_CATEGORY:
                let labels = column.labels!.count
                let values = slot.pointee.values.assumingMemoryBound(to: UInt32.self)
                written = (0..<rows).map { row in
                    let pick = UInt32(fuzzCase.input.byte())
                    // A null row's index is ignored: any value will do.
                    values[row] = valid[row] ? pick % UInt32(labels) : pick &* 1000
                    return valid[row] ? .text(column.labels![Int(values[row])]!) : .null
                }
                if breach == 0xf2 {
                    values[breachRow] = UInt32(labels) + UInt32(fuzzCase.input.byte())
                    if valid[breachRow], labelProblem == nil { labelProblem = "column \(column.name) has label index" }
                }
            default:
                let width = column.type == LB_TYPE_BOOLEAN ? 1 : column.type == LB_TYPE_INT32 || column.type == LB_TYPE_DATE || column.type == LB_TYPE_FLOAT ? 4 : 8
                let values = slot.pointee.values!
                written = (0..<rows).map { row in
                    var bytes = fuzzCase.input.raw(width)
                    // A boolean is 0 or 1; a null row's byte is ignored, so any will do.
                    if column.type == LB_TYPE_BOOLEAN && valid[row] { bytes[0] &= 1 }
                    for (offset, byte) in bytes.enumerated() { values.storeBytes(of: byte, toByteOffset: row * width + offset, as: UInt8.self) }
                    return valid[row] ? Self.value(bytes, type: column.type) : .null
                }
                if column.type == LB_TYPE_BOOLEAN && breach == 0xf1 {
                    values.storeBytes(of: 2 | fuzzCase.input.byte(), toByteOffset: breachRow, as: UInt8.self)
                    if valid[breachRow], abiProblem == nil { abiProblem = "column \(column.name) has a boolean other than 0 or 1" }
                }
            }
            record.columns.append(written)
        }
        record.problem = abiProblem ?? labelProblem
        if fuzzCase.input.byte() == 0xfe { batch.pointee.row_count = 1 << 40 }  // the host keeps its own count
        fills.append(record)
        return LB_STATUS_OK
    }

    /// Rows of ASCII letters and é, some long enough that the arena must grow.
    private func writeStrings(_ slot: UnsafeMutablePointer<lb_column>, batch: UnsafeMutablePointer<lb_batch>,
                              rows: Int, valid: [Bool]) -> [WrittenValue] {
        var texts: [[UInt8]] = []
        for _ in 0..<rows {
            let head = fuzzCase.input.byte()
            let characters = head & 0x40 != 0 ? Int(head & 0x3f) * 40 : Int(head & 0x0f)
            var text: [UInt8] = []
            for _ in 0..<characters {
                let b = fuzzCase.input.byte()
                if b & 0x80 != 0 { text += [0xC3, 0xA9] } else { text.append(UInt8(ascii: "a") + b % 26) }
            }
            texts.append(text)
        }
        let total = texts.reduce(0) { $0 + $1.count }
        if total > slot.pointee.bytes_capacity {
            precondition(batch.pointee.host.pointee.reserve_bytes(slot, total) == LB_STATUS_OK, "reserve_bytes failed")
        }
        let offsets = slot.pointee.offsets!
        var end = 0
        for (row, text) in texts.enumerated() {
            text.withUnsafeBytes { (slot.pointee.bytes + end).initialize(from: $0.bindMemory(to: UInt8.self).baseAddress!, count: text.count) }
            end += text.count
            offsets[row + 1] = UInt32(end)
        }
        return (0..<rows).map { valid[$0] ? .text(texts[$0]) : .null }
    }

    /// Breaks the offsets as `breach` says; returns how, as the host words it.
    private func breakOffsets(_ slot: UnsafeMutablePointer<lb_column>, rows: Int, breach: UInt8, row: Int) -> String? {
        let offsets = slot.pointee.offsets!
        switch breach {
        case 0xf3:
            offsets[0] = 1 + UInt32(fuzzCase.input.byte())
        case 0xf4:
            // Row `row` ends before it starts (offsets[row + 1] < offsets[row]).
            offsets[row] = offsets[row + 1] &+ 1 &+ UInt32(fuzzCase.input.byte())
        case 0xf5:
            offsets[rows] = UInt32(slot.pointee.bytes_capacity) + 1 + UInt32(fuzzCase.input.byte())
        default:
            return nil
        }
        return "that go backwards or past"
    }

    static func value(_ bytes: [UInt8], type: lb_type) -> WrittenValue {
        let bits = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        switch type {
        case LB_TYPE_BOOLEAN: return .bool(bits == 1)
        case LB_TYPE_INT32, LB_TYPE_DATE: return .int(Int64(Int32(truncatingIfNeeded: bits)))
        case LB_TYPE_FLOAT: return .float(UInt32(truncatingIfNeeded: bits))
        case LB_TYPE_DOUBLE: return .double(bits)
        default: return .int(Int64(bitPattern: bits))
        }
    }
}
