import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHost

/// The text `preview` prints: an aligned table split into blocks of
/// columns that fit the terminal, and one summary line per column.
enum PreviewText {
    static let cellLimit = 28
    static let bars = Array("▁▂▃▄▅▆▇█")

    /// The terminal's width, else $COLUMNS, else 120.
    static func terminalWidth() -> Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns >= 40 { return columns }
        return 120
    }

    static func table(_ sample: DomainSample, rows: Int, width: Int) -> [String] {
        let shown = Array(sample.rows.prefix(rows))
        let cells = shown.map { $0.map { clip(text($0)) } }
        let widths = sample.columns.indices.map { index in
            max(sample.columns[index].name.count, cells.map { $0[index].count }.max() ?? 0)
        }
        // Columns in blocks that fit the width, each block its own table.
        var blocks: [[Int]] = [[]]
        var used = 0
        for index in sample.columns.indices {
            if !blocks[blocks.count - 1].isEmpty && used + 2 + widths[index] > width {
                blocks.append([])
                used = 0
            }
            blocks[blocks.count - 1].append(index)
            used += (used == 0 ? 0 : 2) + widths[index]
        }
        var lines: [String] = []
        for (number, block) in blocks.enumerated() {
            if number > 0 { lines.append("") }
            lines.append(block.map { pad(sample.columns[$0].name, widths[$0]) }.joined(separator: "  "))
            lines.append(block.map { String(repeating: "-", count: widths[$0]) }.joined(separator: "  "))
            for row in cells {
                lines.append(block.map { pad(row[$0], widths[$0], right: isNumeric(sample.columns[$0])) }.joined(separator: "  "))
            }
        }
        return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }

    static func summaries(_ sample: DomainSample, width: Int) -> [String] {
        let nameWidth = min(max(sample.columns.map(\.name.count).max() ?? 0, 6), 32)
        var lines = [pad("column", nameWidth) + "  " + pad("type", 9) + "  " + pad("nulls", 6, right: true) + "  " + pad("distinct", 8, right: true) + "  values"]
        for (index, column) in sample.columns.enumerated() {
            let values = sample.rows.map { $0[index] }
            let present = values.filter { $0 != .null }
            let nullShare = Double(values.count - present.count) / Double(max(values.count, 1))
            let distinct = Set(present).count
            var line = pad(clip(column.name, nameWidth), nameWidth) + "  " + pad(typeName(column), 9) + "  "
                + pad(percent(nullShare), 6, right: true) + "  " + pad(String(distinct), 8, right: true) + "  "
            let numbers = present.compactMap(number)
            if !numbers.isEmpty && numbers.count == present.count && !isBoolean(present) {
                let finite = numbers.filter(\.isFinite)
                let nan = numbers.count - finite.count
                if let low = finite.min(), let high = finite.max() {
                    line += "min \(show(low, like: present.first!))  max \(show(high, like: present.first!))  " + histogram(finite, low, high)
                }
                if nan > 0 { line += "  NaN \(percent(Double(nan) / Double(values.count)))" }
            } else {
                var counts: [DomainSample.Value: Int] = [:]
                for value in present { counts[value, default: 0] += 1 }
                let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : text($0.key) < text($1.key) }.prefix(4)
                line += top.map { "\(clip(text($0.key), 24)) \(percent(Double($0.value) / Double(values.count)))" }.joined(separator: ", ")
                if counts.count > 4 { line += ", …" }
            }
            lines.append(clip(line, max(width, 60)))
        }
        return lines
    }

    /// Sixteen bins from min to max, one bar each.
    static func histogram(_ numbers: [Double], _ low: Double, _ high: Double) -> String {
        let binCount = 16
        var bins = [Int](repeating: 0, count: binCount)
        let span = high - low
        for value in numbers {
            let bin = span > 0 ? min(Int((value - low) / span * Double(binCount)), binCount - 1) : 0
            bins[bin] += 1
        }
        let top = max(bins.max() ?? 1, 1)
        return String(bins.map { $0 == 0 ? " " : bars[min(bars.count - 1, $0 * bars.count / (top + 1))] })
    }

    static func number(_ value: DomainSample.Value) -> Double? {
        switch value {
        case .int(let v), .timestamp(let v), .date(let v): Double(v)
        case .real(let v): v
        case .bool(let v): v ? 1 : 0
        default: nil
        }
    }

    static func isBoolean(_ values: [DomainSample.Value]) -> Bool {
        if case .bool = values.first { return true }
        return false
    }

    static func isNumeric(_ column: DomainInfo.Column) -> Bool {
        !column.isCategory && [.int32, .int64, .float, .double].contains(column.type)
    }

    static func typeName(_ column: DomainInfo.Column) -> String {
        column.isCategory ? "category" : "\(column.type)".replacing("timestampMicros", with: "timestamp")
    }

    /// A number shown like the column's values (dates and times as such).
    static func show(_ number: Double, like example: DomainSample.Value) -> String {
        switch example {
        case .timestamp: text(.timestamp(Int64(number)))
        case .date: text(.date(Int64(number)))
        case .real: text(.real(number))
        default: String(Int64(number))
        }
    }

    static func text(_ value: DomainSample.Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let v): return v ? "true" : "false"
        case .int(let v): return String(v)
        case .real(let v): return v.isNaN ? "NaN" : String(v)
        case .text(let v): return v
        case .date(let days): return civil(days)
        case .timestamp(let micros):
            let days = micros >= 0 ? micros / 86_400_000_000 : (micros - 86_399_999_999) / 86_400_000_000
            let rest = micros - days * 86_400_000_000
            let seconds = rest / 1_000_000
            var time = String(printf: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
            if rest % 1_000_000 != 0 { time += String(printf: ".%06d", rest % 1_000_000) }
            return civil(days) + " " + time
        }
    }

    /// YYYY-MM-DD of days since 1970 (proleptic Gregorian).
    static func civil(_ days: Int64) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return String(printf: "%04d-%02d-%02d", year, month, day)
    }

    static func percent(_ share: Double) -> String { String(printf: "%.1f%%", share * 100) }

    static func clip(_ text: String, _ limit: Int = cellLimit) -> String {
        // Each line break (a "\r\n" is one Character) as one mark: a row stays one line.
        let flat = String(text.map { $0.isNewline ? "⏎" : $0 })
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let gap = String(repeating: " ", count: max(0, width - text.count))
        return right ? gap + text : text + gap
    }
}
