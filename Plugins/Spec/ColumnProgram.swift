import CLBDomain
import LBDomainKit

/// What a column does for a row: nothing (null), a number, a label index or text.
enum Action {
    case null
    case number(NumberGenerator)
    case label(LabelSource)
    case text(TextGenerator)
}

/// One column compiled for a run: its rules, generators and dirt, ready to
/// fill a batch a column at a time.
struct ColumnProgram {
    let name: String
    /// Index among the spec's columns (and in the views).
    let index: Int
    let type: ColumnType
    let nullable: Bool
    /// First of the column's random streams in a batch (one per action, then nulls and dirt).
    let stream: UInt64
    let base: Action
    let rules: [(condition: Condition, action: Action)]
    let nullShare: Double
    /// Per-entity: randomness from (run seed, column, the key column's value).
    let entity: (column: Int, key: UInt64)?
    let dirt: Dirt?
    /// Category columns: this run's labels (clean ones, then dirty ones).
    let labels: [String]

    static let undecided: UInt8 = 0xFE, nullAction: UInt8 = 0xFF
    static let streamsPerColumn: UInt64 = 64

    func action(_ index: UInt8) -> Action {
        index == Self.nullAction ? .null : index == 0 ? base : rules[Int(index) - 1].action
    }

    /// Decides each row's action: the first rule whose condition holds,
    /// else the base generator, nulled by null_share. Each rule's test is
    /// chosen once and then run over the rows.
    func decide(_ actions: UnsafeMutablePointer<UInt8>, rows: Int, batch: Batch, views: UnsafePointer<ColumnView>) {
        if rules.isEmpty {
            actions.update(repeating: 0, count: rows)
        } else {
            actions.update(repeating: Self.undecided, count: rows)
            for (number, rule) in rules.enumerated() {
                let code: UInt8
                if case .null = rule.action { code = Self.nullAction } else { code = UInt8(number + 1) }
                Self.mark(rule.condition, code: code, actions, rows: rows, views: views)
            }
            let baseCode: UInt8
            if case .null = base { baseCode = Self.nullAction } else { baseCode = 0 }
            for row in 0..<rows where actions[row] == Self.undecided { actions[row] = baseCode }
        }
        if case .null = base, rules.isEmpty { actions.update(repeating: Self.nullAction, count: rows) }
        if nullShare > 0 {
            var random = batch.stream(stream + Self.streamsPerColumn - 2)
            for row in 0..<rows where actions[row] == 0 && random.chance(nullShare) { actions[row] = Self.nullAction }
        }
    }

    /// Sets `code` on the undecided rows where `condition` holds.
    private static func mark(_ condition: Condition, code: UInt8, _ actions: UnsafeMutablePointer<UInt8>, rows: Int,
                             views: UnsafePointer<ColumnView>, negated: Bool = false) {
        @inline(__always) func each(_ column: Int, _ test: (Int) -> Bool) {
            if let validity = views[column].validity {
                for row in 0..<rows where actions[row] == undecided && validity[row] != 0 && test(row) != negated { actions[row] = code }
            } else {
                for row in 0..<rows where actions[row] == undecided && test(row) != negated { actions[row] = code }
            }
        }
        switch condition {
        case .labels(let column, let members):
            let view = views[column]
            members.withUnsafeBufferPointer { members in each(column) { members[view.label($0)] } }
        case .texts(let column, let values):
            let view = views[column]
            each(column) { row in let bytes = view.bytes(row); return values.contains { $0.elementsEqual(bytes) } }
        case .ints(let column, let values):
            let view = views[column]
            each(column) { values.contains(view.int($0)) }
        case .range(let column, let min, let max):
            let view = views[column]
            each(column) { let value = view.real($0); return value >= min && value <= max }
        case .isNull(let column, let expected):
            let view = views[column]
            for row in 0..<rows where actions[row] == undecided && view.isNull(row) == expected { actions[row] = code }
        case .not(let inner):
            mark(inner, code: code, actions, rows: rows, views: views, negated: !negated)
        }
    }

    @inline(__always)
    func entityStream(_ row: Int, _ views: UnsafePointer<ColumnView>) -> RandomStream {
        let (column, key) = entity!
        return RandomStream(seed: lb_stream_seed(key, UInt64(bitPattern: views[column].int(row))))
    }

    /// Runs `body` on the rows of action `code`, each with its random stream
    /// (the batch's, or the row's entity's).
    @inline(__always)
    func each(_ code: UInt8, rows: Int, batch: Batch, actions: UnsafeMutablePointer<UInt8>, views: UnsafePointer<ColumnView>,
              _ body: (Int, inout RandomStream) -> Void) {
        var random = batch.stream(stream + UInt64(code))
        if entity != nil {
            for row in 0..<rows where actions[row] == code {
                random = entityStream(row, views)
                body(row, &random)
            }
        } else {
            for row in 0..<rows where actions[row] == code { body(row, &random) }
        }
    }

    /// Fills a fixed-width column (numbers, booleans, dates, timestamps):
    /// each generator's loop chosen once per batch.
    func fillNumbers<T: SpecNumber>(_ out: UnsafeMutablePointer<T>, validity: UnsafeMutablePointer<UInt8>?, actions: UnsafeMutablePointer<UInt8>,
                                    rows: Int, batch: Batch, views: UnsafePointer<ColumnView>) {
        let firstGlobalRow = Int64(bitPattern: batch.fileID &* batch.rowsPerFile &+ batch.firstRow)
        for code in 0...UInt8(rules.count) {
            guard case .number(let generator) = action(code) else { continue }
            @inline(__always) func ints(_ draw: (inout RandomStream) -> Int64) {
                each(code, rows: rows, batch: batch, actions: actions, views: views) { row, random in out[row] = T(int: draw(&random)) }
            }
            @inline(__always) func reals(_ draw: (inout RandomStream) -> Double) {
                each(code, rows: rows, batch: batch, actions: actions, views: views) { row, random in
                    out[row] = T.integer ? T(int: Self.rounded(draw(&random))) : T(real: draw(&random))
                }
            }
            switch generator {
            case .rowNumber(let start, let step):
                for row in 0..<rows where actions[row] == code { out[row] = T(int: start &+ step &* (firstGlobalRow &+ Int64(row))) }
            case .uniformInt(let min, let count):
                ints { min &+ Int64(bitPattern: count == 0 ? $0.next() : $0.next(below: count)) }
            case .zipf(let zipf, let modulus):
                ints { random in
                    let draw = zipf.draw(&random)
                    return Int64(bitPattern: modulus == 0 || draw < modulus ? draw : draw % modulus)
                }
            case .boundedZipf(let zipf): ints { Int64(bitPattern: zipf.draw(&$0)) }
            case .bool(let p): ints { $0.chance(p) ? 1 : 0 }
            case .constant(let value):
                let integer = Self.rounded(value)
                for row in 0..<rows where actions[row] == code { out[row] = T.integer ? T(int: integer) : T(real: value) }
            case .scaled(let column, let factor):
                let view = views[column]
                for row in 0..<rows where actions[row] == code {
                    let value = view.real(row) * factor
                    out[row] = T.integer ? T(int: value.isFinite ? Int64(value.rounded(.towardZero)) : 0) : T(real: value)
                }
            case .uniformReal(let min, let width, let shaping): reals { shaping.apply(min + $0.unit() * width) }
            case .normal(let normal, let shaping): reals { shaping.apply(normal.draw(&$0)) }
            case .logNormal(let normal, let shaping): reals { shaping.apply(normal.drawLogNormal(&$0)) }
            }
        }
        for row in 0..<rows where actions[row] == Self.nullAction {
            out[row] = T(int: 0)
            validity![row] = 0
        }
    }

    @inline(__always)
    static func rounded(_ value: Double) -> Int64 {
        let whole = value.rounded()
        return whole.isFinite && abs(whole) < 9e18 ? Int64(whole) : 0
    }

    /// Fills a category column (label indices), then dirties its dirty rows.
    func fillLabels(_ out: UnsafeMutablePointer<UInt32>, validity: UnsafeMutablePointer<UInt8>?, actions: UnsafeMutablePointer<UInt8>,
                    rows: Int, batch: Batch, views: UnsafePointer<ColumnView>) {
        for code in 0...UInt8(rules.count) {
            guard case .label(let source) = action(code) else { continue }
            switch source {
            case .choice(let choice, let offset):
                each(code, rows: rows, batch: batch, actions: actions, views: views) { row, random in
                    out[row] = UInt32(truncatingIfNeeded: offset &+ choice.pick(&random))
                }
            case .map(let column, let count, let offset):
                let view = views[column]
                for row in 0..<rows where actions[row] == code {
                    let value = view.int(row) % Int64(count)
                    out[row] = UInt32(truncatingIfNeeded: offset &+ Int(value < 0 ? value + Int64(count) : value))
                }
            case .constant(let index):
                for row in 0..<rows where actions[row] == code { out[row] = UInt32(index) }
            }
        }
        for row in 0..<rows where actions[row] == Self.nullAction {
            out[row] = 0
            validity![row] = 0
        }
        guard let dirt else { return }
        let (permutation, count) = dirt.rows(batch)
        guard count > 0 else { return }
        var random = batch.stream(stream + Self.streamsPerColumn - 1)
        let modes = UInt64(dirt.labelMap.count)
        for row in 0..<rows where actions[row] != Self.nullAction && permutation(batch.firstRow &+ UInt64(row)) < count {
            let options = dirt.labelMap[Int(random.next(below: modes))][Int(out[row])]
            out[row] = options[options.count == 1 ? 0 : Int(random.next(below: UInt64(options.count)))]
        }
    }

    /// Fills a string column, row by row in order (its arena is appended
    /// to). A column with one generator (and nulls) runs that generator's
    /// own loop; several generators are picked row by row.
    func fillText(_ column: inout StringColumn, actions: UnsafeMutablePointer<UInt8>, rows: Int, batch: Batch, views: UnsafePointer<ColumnView>) {
        let generators: [TextGenerator?] = (0...rules.count).map {
            if case .text(let generator) = action(UInt8($0)) { generator } else { nil }
        }
        let live = generators.indices.filter { generators[$0] != nil }
        let dirtRows = dirt.map { $0.rows(batch) }
        var dirtRandom = batch.stream(stream + Self.streamsPerColumn - 1)
        let modes = UInt64(dirt?.modes.count ?? 1)
        let growth = dirt?.growth ?? 0
        let perEntity = entity != nil
        if live.count == 1, let generator = generators[live[0]] {
            let code = UInt8(live[0])
            var random = batch.stream(stream + UInt64(code))
            // The row loop takes the streams and the column as inout
            // arguments, not captures, so their exclusivity is checked when
            // compiled rather than on every row.
            @inline(__always) func run(maxLength: (Int) -> Int, _ write: (Int, UnsafeMutablePointer<UInt8>, inout RandomStream) -> Int) {
                Self.appendRows(&column, &random, &dirtRandom, code: code, rows: rows, actions: actions, dirt: dirt, dirtRows: dirtRows,
                                entity: perEntity ? self : nil, batch: batch, views: views, maxLength: maxLength, write)
            }
            switch generator {
            case .uuid: run(maxLength: { _ in 36 }) { _, p, random in TextEncoding.writeUUID(to: p, random: &random); return 36 }
            case .hex(let bytes):
                run(maxLength: { _ in 2 * bytes }) { _, p, random in TextEncoding.writeRandomHex(byteCount: bytes, to: p, random: &random); return 2 * bytes }
            case .labels(let source, let table, let longest):
                run(maxLength: { _ in longest }) { row, p, random in table.write(source.index(&random, row: row, views: views), to: p) }
            case .templates(let templates) where templates.count == 1:
                let template = templates[0]
                if template.textColumns.isEmpty {
                    let fixed = template.fixedMaxLength
                    run(maxLength: { _ in fixed }) { row, p, random in template.write(row, views, &random, to: p) }
                } else {
                    run(maxLength: { template.maxLength($0, views) }) { row, p, random in template.write(row, views, &random, to: p) }
                }
            case .templates(let templates):
                let count = UInt64(templates.count)
                run(maxLength: { generator.maxLength($0, views) }) { row, p, random in
                    templates[Int(random.next(below: count))].write(row, views, &random, to: p)
                }
            }
            return
        }
        var randoms = (0...rules.count).map { batch.stream(stream + UInt64($0)) }
        for row in 0..<rows {
            let code = Int(actions[row])
            guard code != Int(Self.nullAction), let generator = generators[code] else {
                column.appendNull()
                continue
            }
            if perEntity { randoms[code] = entityStream(row, views) }
            let dirty = dirtRows.map { $0.permutation(batch.firstRow &+ UInt64(row)) < $0.count } ?? false
            column.append(maxLength: generator.maxLength(row, views) + (dirty ? growth : 0)) { p in
                let n = generator.write(row, views, &randoms[code], to: p)
                guard dirty, let dirt else { return n }
                return dirt.apply(Int(dirtRandom.next(below: modes)), to: p, length: n, row: row, views: views, random: &dirtRandom)
            }
        }
    }
}

extension ColumnProgram {
    /// The rows of one text generator, in order: nulls, per-entity streams
    /// and dirt as the column says.
    @inline(__always)
    static func appendRows(_ column: inout StringColumn, _ random: inout RandomStream, _ dirtRandom: inout RandomStream, code: UInt8,
                           rows: Int, actions: UnsafeMutablePointer<UInt8>, dirt: Dirt?,
                           dirtRows: (permutation: IndexPermutation, count: UInt64)?, entity: ColumnProgram?, batch: Batch,
                           views: UnsafePointer<ColumnView>, maxLength: (Int) -> Int,
                           _ write: (Int, UnsafeMutablePointer<UInt8>, inout RandomStream) -> Int) {
        if dirtRows == nil && entity == nil {
            for row in 0..<rows {
                if actions[row] != code { column.appendNull(); continue }
                column.append(maxLength: maxLength(row)) { write(row, $0, &random) }
            }
            return
        }
        let modes = UInt64(dirt?.modes.count ?? 1)
        let growth = dirt?.growth ?? 0
        for row in 0..<rows {
            if actions[row] != code { column.appendNull(); continue }
            if let entity { random = entity.entityStream(row, views) }
            let dirty = dirtRows.map { $0.permutation(batch.firstRow &+ UInt64(row)) < $0.count } ?? false
            column.append(maxLength: maxLength(row) + (dirty ? growth : 0)) { p in
                let n = write(row, p, &random)
                guard dirty, let dirt else { return n }
                return dirt.apply(Int(dirtRandom.next(below: modes)), to: p, length: n, row: row, views: views, random: &dirtRandom)
            }
        }
    }
}

/// A fixed-width value a number generator can fill.
protocol SpecNumber {
    static var integer: Bool { get }
    init(int: Int64)
    init(real: Double)
}

extension Int32: SpecNumber {
    static var integer: Bool { true }
    init(int: Int64) { self = Int32(truncatingIfNeeded: int) }
    init(real: Double) { self = real.isFinite ? Int32(clamping: Int64(Swift.max(Swift.min(real, 9e18), -9e18))) : 0 }
}

extension Int64: SpecNumber {
    static var integer: Bool { true }
    init(int: Int64) { self = int }
    init(real: Double) { self = real.isFinite ? Int64(Swift.max(Swift.min(real, 9e18), -9e18)) : 0 }
}

extension Float: SpecNumber {
    static var integer: Bool { false }
    init(int: Int64) { self = Float(int) }
    init(real: Double) { self = Float(real) }
}

extension Double: SpecNumber {
    static var integer: Bool { false }
    init(int: Int64) { self = Double(int) }
    init(real: Double) { self = real }
}

extension UInt8: SpecNumber {
    static var integer: Bool { true }
    init(int: Int64) { self = int != 0 ? 1 : 0 }
    init(real: Double) { self = real != 0 ? 1 : 0 }
}
