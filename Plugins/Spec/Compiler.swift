import CLBDomain
import LBDomainKit
#if canImport(Glibc)
import Glibc
#endif

/// Turns a spec and one run's parameters into column programs. Run at
/// registration with the defaults (`strict`: every check, so a bad spec
/// fails before anything is written) and at each open with the run's values.
struct Compiler {
    static let generators: Set<String> = [
        "row_number", "sequence", "uniform", "normal", "lognormal", "zipf", "bounded_zipf", "constant", "bool", "choice",
        "map", "timestamp", "timestamp_sequence", "date", "uuid", "hex", "pattern", "template", "scaled",
    ]
    static let columnKeys: Set<String> = ["name", "type", "nullable", "hidden", "description", "per", "null_share", "when", "dirt"]

    let document: SpecDocument
    let parameters: [String: String]
    let seed: UInt64
    let strict: Bool

    private var indexByName: [String: Int] = [:]
    /// Compiled so far, by spec index.
    private var compiled: [Int: ColumnProgram] = [:]

    init(document: SpecDocument, parameters: [String: String], seed: UInt64, strict: Bool) {
        self.document = document
        self.parameters = parameters
        self.seed = seed
        self.strict = strict
        for (index, column) in document.columns.enumerated() { indexByName[column.name] = index }
    }

    mutating func compile() throws -> SpecRun {
        let order = try fillOrder()
        var programs: [ColumnProgram] = []
        for index in order {
            let program = try compileColumn(index)
            compiled[index] = program
            programs.append(program)
        }
        let labelTables = document.columns.indices.map { index -> TextTable? in
            document.columns[index].type == .category ? TextTable(compiled[index]!.labels) : nil
        }
        let written = document.writtenColumns
        let slots = try document.columns.map { column in
            column.hidden ? nil : try BatchSlot(column.name, column.type, in: written)
        }
        return SpecRun(columns: programs, types: document.columns.map(\.type), labelTables: labelTables,
                       nullable: document.columns.map(\.nullable), slots: slots)
    }

    // MARK: Order

    /// Every column after the columns it reads; a cycle is an error.
    private func fillOrder() throws -> [Int] {
        var dependencies: [[Int]] = []
        for column in document.columns {
            var found: [(String, Field)] = []
            try Self.references(in: column.field, into: &found)
            var indices: [Int] = []
            for (name, field) in found {
                guard let index = indexByName[name] else { throw field.error("unknown column '\(name)'") }
                if !indices.contains(index) { indices.append(index) }
            }
            dependencies.append(indices)
        }
        var order: [Int] = []
        var state = [Int](repeating: 0, count: document.columns.count)  // 0 new, 1 visiting, 2 done
        func visit(_ index: Int, _ path: [Int]) throws {
            if state[index] == 2 { return }
            if state[index] == 1 {
                let cycle = (path.drop { $0 != index } + [index]).map { document.columns[$0].name }
                throw document.columns[index].field.error("columns read each other in a cycle: \(cycle.joined(separator: " -> "))")
            }
            state[index] = 1
            for dependency in dependencies[index] { try visit(dependency, path + [index]) }
            state[index] = 2
            order.append(index)
        }
        for index in document.columns.indices { try visit(index, []) }
        return order
    }

    /// Column names a column's field reads: `column` and `per` values and
    /// `{name}` parts of templates.
    private static func references(in field: Field, into found: inout [(String, Field)]) throws {
        switch field.node {
        case .mapping:
            for (key, value) in try field.entries() {
                if key == "column" || key == "per" {
                    found.append((try value.text(), value))
                } else if key == "template" {
                    let texts = (try? value.items()) ?? [value]
                    for text in texts {
                        for name in try TemplateText.columnNames(try text.text(), field: text) { found.append((name, text)) }
                    }
                } else if key != "name" && key != "description" {
                    try references(in: value, into: &found)
                }
            }
        case .sequence:
            for item in try field.items() { try references(in: item, into: &found) }
        default:
            break
        }
    }

    // MARK: Values

    /// A parameter's text, when `text` is `$name`.
    private func parameterText(_ text: String, _ field: Field) throws -> String? {
        guard text.hasPrefix("$") else { return nil }
        let name = String(text.dropFirst())
        guard let value = parameters[name] else { throw field.error("unknown parameter '\(name)'") }
        return value
    }

    func number(_ field: Field, in range: ClosedRange<Double>? = nil) throws -> Double {
        let text = try field.text()
        let value: Double
        do {
            value = try Expression.evaluate(text) { name in
                guard let value = parameters[name] else { throw ExpressionError("unknown parameter '\(name)'") }
                guard let number = Double(TemplateText.trimmed(value)) else {
                    throw ExpressionError("parameter \(name) is '\(value)', not a number")
                }
                return number
            }
        } catch let error as ExpressionError {
            throw field.error(error.description)
        }
        if let range, !(range.contains(value)) {
            throw field.error("\(text)\(text == "\(value)" ? "" : " = \(value)") is out of range \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    func integer(_ field: Field, in range: ClosedRange<Double>? = nil) throws -> Int64 {
        let value = try number(field, in: range)
        guard value == value.rounded(), abs(value) < 9e18 else { throw field.error("expected a whole number, got \(value)") }
        return Int64(value)
    }

    /// A list: a YAML list, or `$param` whose value is `a,b,c`.
    func list(_ field: Field) throws -> [String] {
        if case .sequence = field.node { return try field.items().map { try $0.text() } }
        let text = try field.text()
        guard let value = try parameterText(text, field) else { throw field.error("expected a list or a $parameter") }
        return value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    /// Label weights: a mapping label → share, or `$param` (`a:0.5,b:0.5`); they must sum to 1.
    func weights(_ field: Field) throws -> [(label: String, weight: Double)] {
        var table: [(label: String, weight: Double)] = []
        if case .mapping = field.node {
            for (label, value) in try field.entries() { table.append((label, try number(value, in: 0...1))) }
        } else {
            let text = try field.text()
            guard let value = try parameterText(text, field) else { throw field.error("expected a mapping of label: share, or a $parameter") }
            for entry in value.split(separator: ",", omittingEmptySubsequences: false) {
                let pair = entry.split(separator: ":", omittingEmptySubsequences: false)
                guard pair.count == 2, !pair[0].isEmpty, let weight = Double(pair[1]), weight.isFinite, weight >= 0 else {
                    throw field.error("parameter \(text.dropFirst()) = '\(value)': expected label:share,label:share,...")
                }
                table.append((String(pair[0]), weight))
            }
        }
        guard !table.isEmpty else { throw field.error("no labels") }
        guard Set(table.map(\.label)).count == table.count else { throw field.error("a label appears twice") }
        let total = table.reduce(0) { $0 + $1.weight }
        guard abs(total - 1) <= 1e-6 else { throw field.error("weights sum to \(total), not 1") }
        return table
    }

    /// Microseconds since 1970 of `YYYY-MM-DD` (or a `$param` holding one).
    func day(_ field: Field) throws -> CivilDate {
        let raw = try field.text()
        let text = try parameterText(raw, field) ?? raw
        guard let date = CivilDate(parsing: text) else { throw field.error("expected a date YYYY-MM-DD, got '\(text)'") }
        return date
    }

    // MARK: Columns

    private func compileColumn(_ index: Int) throws -> ColumnProgram {
        let column = document.columns[index]
        let field = column.field
        let entries = try field.entries()
        var generatorEntry: (key: String, value: Field)?
        for entry in entries where !Self.columnKeys.contains(entry.key) {
            guard Self.generators.contains(entry.key) else {
                throw entry.value.error("unknown generator '\(entry.key)' (generators: \(Self.generators.sorted().joined(separator: ", ")))")
            }
            guard generatorEntry == nil else { throw entry.value.error("a column has one generator; '\(generatorEntry!.key)' is already given") }
            generatorEntry = entry
        }
        guard let generatorEntry else { throw field.error("no generator (one of: \(Self.generators.sorted().joined(separator: ", ")))") }
        let fields = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value) })
        if column.hidden && column.type == .string { throw field.error("a hidden column cannot be a string (use category)") }

        var labels: [String] = []
        let base = try action(generatorEntry.key, generatorEntry.value, column: column, labels: &labels)
        var rules: [(Condition, Action)] = []
        for rule in try fields["when"]?.items() ?? [] {
            rules.append(try compileRule(rule, column: column, labels: &labels))
        }
        guard rules.count < 60 else { throw field.error("at most 59 rules") }
        var nullShare = 0.0
        if let share = fields["null_share"] {
            guard column.nullable else { throw share.error("column \(column.name) is not nullable") }
            nullShare = try number(share, in: 0...1)
        }
        var entity: (Int, UInt64)?
        if let per = fields["per"] {
            let key = indexByName[try per.text()]!
            guard [.int32, .int64, .category, .boolean, .date, .timestampMicros].contains(document.columns[key].type) else {
                throw per.error("per-entity values are keyed by an integer, boolean or category column")
            }
            entity = (key, lb_stream_seed(seed, Self.salt(column.name)))
        }
        var dirt: Dirt?
        if let dirtField = fields["dirt"] {
            guard column.type == .string || column.type == .category else { throw dirtField.error("dirt applies to string and category columns") }
            dirt = try compileDirt(dirtField, column: column, labels: &labels)
        }
        if column.type == .category && labels.count > Int(LB_CATEGORY_MAX_LABELS) {
            throw field.error("\(labels.count) labels, more than \(LB_CATEGORY_MAX_LABELS)")
        }
        return ColumnProgram(
            name: column.name, index: index, type: column.type, nullable: column.nullable,
            stream: UInt64(index) * ColumnProgram.streamsPerColumn, base: base, rules: rules, nullShare: nullShare,
            entity: entity, dirt: dirt, labels: labels)
    }

    /// FNV-1a of a column name: keeps per-entity values and dirty rows of
    /// columns apart, whatever their order.
    static func salt(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    private func compileRule(_ rule: Field, column: SpecDocument.Column, labels: inout [String]) throws -> (Condition, Action) {
        let fields = try rule.fields(allowing: ["column", "in", "not_in", "min", "max", "is_null", "then"])
        guard let columnField = fields["column"] else { throw rule.error("a rule needs 'column'") }
        guard let thenField = fields["then"] else { throw rule.error("a rule needs 'then' (null or a generator)") }
        let target = indexByName[try columnField.text()]!
        let targetType = document.columns[target].type
        let condition: Condition
        if let isNull = fields["is_null"] {
            condition = .isNull(column: target, try isNull.bool())
        } else if let setField = fields["in"] ?? fields["not_in"] {
            guard (fields["in"] == nil) != (fields["not_in"] == nil) else { throw rule.error("give 'in' or 'not_in', not both") }
            let values = try list(setField)
            let inner: Condition
            switch targetType {
            case .category:
                let targetLabels = compiled[target]!.labels
                if strict, let unknown = values.first(where: { !targetLabels.contains($0) }) {
                    throw setField.error("'\(unknown)' is not a value of column \(document.columns[target].name) (\(targetLabels.joined(separator: ", ")))")
                }
                inner = .labels(column: target, members: targetLabels.map { values.contains($0) })
            case .string:
                inner = .texts(column: target, values: values.map { Array($0.utf8) })
            case .boolean:
                inner = .ints(column: target, values: try values.map {
                    switch $0 { case "true": 1; case "false": 0; default: throw setField.error("expected true or false, got '\($0)'") }
                })
            case .float, .double:
                throw setField.error("use min and max for floating-point columns")
            default:
                inner = .ints(column: target, values: try values.map {
                    guard let value = Int64($0) else { throw setField.error("expected whole numbers, got '\($0)'") }
                    return value
                })
            }
            condition = fields["not_in"] != nil ? .not(inner) : inner
        } else if fields["min"] != nil || fields["max"] != nil {
            guard ![.string, .category].contains(targetType) else { throw rule.error("min and max apply to numeric columns") }
            condition = .range(column: target, min: try fields["min"].map { try number($0) } ?? -.infinity,
                               max: try fields["max"].map { try number($0) } ?? .infinity)
        } else {
            throw rule.error("a rule needs one of 'in', 'not_in', 'min'/'max', 'is_null'")
        }
        if thenField.isNull {
            guard column.nullable else { throw thenField.error("column \(column.name) is not nullable") }
            return (condition, .null)
        }
        let entries = try thenField.entries()
        guard entries.count == 1, let (key, value) = entries.first else { throw thenField.error("'then' is null or one generator") }
        guard Self.generators.contains(key) else {
            throw value.error("unknown generator '\(key)' (generators: \(Self.generators.sorted().joined(separator: ", ")))")
        }
        return (condition, try action(key, value, column: column, labels: &labels))
    }

    // MARK: Generators

    private func shaping(_ fields: [String: Field]) throws -> Shaping {
        var shaping = Shaping()
        if let min = fields["min"] { shaping.min = try number(min) }
        if let max = fields["max"] { shaping.max = try number(max) }
        if let round = fields["round"] { shaping.scale = pow(10, Double(try integer(round, in: 0...15))) }
        if shaping.min > shaping.max { throw (fields["max"] ?? fields["min"])!.error("max is below min") }
        return shaping
    }

    private func arguments(_ field: Field, _ allowed: Set<String>, required: [String] = []) throws -> [String: Field] {
        if field.isNull && required.isEmpty { return [:] }
        let fields = try field.fields(allowing: allowed)
        for name in required where fields[name] == nil { throw field.error("missing field '\(name)'") }
        return fields
    }

    private func action(_ key: String, _ field: Field, column: SpecDocument.Column, labels: inout [String]) throws -> Action {
        let type = column.type
        let numeric: Set<ColumnType> = [.int32, .int64, .float, .double, .date, .timestampMicros]
        let integers: Set<ColumnType> = [.int32, .int64, .date, .timestampMicros]
        func expect(_ types: Set<ColumnType>, _ what: String) throws {
            guard types.contains(type) else { throw field.error("generator '\(key)' makes \(what), not \(Self.typeName(type))") }
        }
        switch key {
        case "row_number", "sequence":
            try expect(integers, "integers")
            let args = try arguments(field, ["start", "step"])
            return .number(.rowNumber(start: try args["start"].map { try integer($0) } ?? 0, step: try args["step"].map { try integer($0) } ?? 1))
        case "uniform":
            try expect(numeric, "numbers")
            let args = try arguments(field, ["min", "max", "round"], required: ["min", "max"])
            if integers.contains(type) {
                let low = try integer(args["min"]!), high = try integer(args["max"]!)
                guard low <= high else { throw args["max"]!.error("max (\(high)) is below min (\(low))") }
                return .number(.uniformInt(min: low, count: UInt64(bitPattern: high &- low) &+ 1))
            }
            let low = try number(args["min"]!), high = try number(args["max"]!)
            guard low <= high else { throw args["max"]!.error("max (\(high)) is below min (\(low))") }
            var shape = try shaping(args.filter { $0.key == "round" })
            shape.min = low
            shape.max = high
            return .number(.uniformReal(min: low, width: high - low, shape))
        case "normal", "lognormal":
            try expect(numeric, "numbers")
            let (meanKey, deviationKey) = key == "normal" ? ("mean", "stddev") : ("mu", "sigma")
            let args = try arguments(field, [meanKey, deviationKey, "min", "max", "round"], required: [meanKey, deviationKey])
            let normal = Normal(mean: try number(args[meanKey]!, in: -1e9...1e9), deviation: try number(args[deviationKey]!, in: 0...1e9))
            return .number(key == "normal" ? .normal(normal, try shaping(args)) : .logNormal(normal, try shaping(args)))
        case "zipf":
            try expect(integers, "integers")
            let args = try arguments(field, ["alpha", "max"], required: ["alpha"])
            let alpha = try number(args["alpha"]!, in: 1.000001...100)
            let modulus = try args["max"].map { UInt64(try integer($0, in: 1...9e15)) + 1 } ?? 0
            return .number(.zipf(Zipf(alpha: alpha), modulus: modulus))
        case "bounded_zipf":
            try expect(integers, "integers")
            let args = try arguments(field, ["alpha", "n"], required: ["alpha", "n"])
            return .number(.boundedZipf(BoundedZipf(count: UInt64(try integer(args["n"]!, in: 1...9e15)), exponent: try number(args["alpha"]!, in: 0.000001...100))))
        case "bool":
            try expect([.boolean], "booleans")
            let args = try arguments(field, ["p"], required: ["p"])
            return .number(.bool(try number(args["p"]!, in: 0...1)))
        case "constant":
            if field.isNull {
                guard column.nullable else { throw field.error("column \(column.name) is not nullable") }
                return .null
            }
            let text = try field.text()
            switch type {
            case .boolean:
                return .number(.constant(try field.bool() ? 1 : 0))
            case .category:
                labels.append(text)
                return .label(.constant(labels.count - 1))
            case .string:
                return .text(.labels(.constant(0), TextTable([text]), longest: text.utf8.count))
            case .date:
                return .number(.constant(Double(try day(field).daysSinceEpoch)))
            default:
                return .number(.constant(try number(field)))
            }
        case "scaled":
            try expect(numeric, "numbers")
            let args = try arguments(field, ["column", "by"], required: ["column"])
            let source = indexByName[try args["column"]!.text()]!
            guard numeric.contains(document.columns[source].type) || document.columns[source].type == .boolean else {
                throw args["column"]!.error("scaled reads a numeric column")
            }
            return .number(.scaled(column: source, by: try args["by"].map { try number($0) } ?? 1))
        case "timestamp":
            try expect([.timestampMicros], "timestamps")
            let args = try arguments(field, ["start", "end"], required: ["start", "end"])
            let start = try day(args["start"]!), end = try day(args["end"]!)
            guard start < end else { throw args["end"]!.error("end must be after start") }
            return .number(.uniformInt(min: start.microsecondsSinceEpoch, count: UInt64(end.microsecondsSinceEpoch - start.microsecondsSinceEpoch)))
        case "timestamp_sequence":
            try expect([.timestampMicros], "timestamps")
            let args = try arguments(field, ["start", "step_seconds"], required: ["start"])
            let step = try args["step_seconds"].map { try number($0, in: 0.000001...1e9) } ?? 1
            return .number(.rowNumber(start: try day(args["start"]!).microsecondsSinceEpoch, step: Int64((step * 1_000_000).rounded())))
        case "date":
            try expect([.date], "dates")
            let args = try arguments(field, ["start", "end"], required: ["start", "end"])
            let start = try day(args["start"]!), end = try day(args["end"]!)
            guard start <= end else { throw args["end"]!.error("end is before start") }
            return .number(.uniformInt(min: start.daysSinceEpoch, count: UInt64(end.daysSinceEpoch - start.daysSinceEpoch) + 1))
        case "choice":
            try expect([.category, .string], "text")
            let args = try arguments(field, ["weights", "values"])
            guard (args["weights"] == nil) != (args["values"] == nil) else { throw field.error("give 'weights' or 'values'") }
            let table = try args["weights"].map { try weights($0) } ?? list(args["values"]!).map { ($0, 1.0) }
            guard !table.isEmpty else { throw field.error("no values") }
            let offset = type == .category ? labels.count : 0
            return labelAction(.choice(WeightedChoice(weights: table.map(\.1)), offset: offset), table.map(\.0), type: type, labels: &labels)
        case "map":
            try expect([.category, .string], "text")
            let args = try arguments(field, ["column", "values"], required: ["column", "values"])
            let source = indexByName[try args["column"]!.text()]!
            guard [.int32, .int64, .category, .boolean].contains(document.columns[source].type) else {
                throw args["column"]!.error("map reads an integer column (value n takes the n-th value)")
            }
            let values = try list(args["values"]!)
            guard !values.isEmpty else { throw args["values"]!.error("no values") }
            let offset = type == .category ? labels.count : 0
            return labelAction(.map(column: source, count: values.count, offset: offset), values, type: type, labels: &labels)
        case "uuid":
            try expect([.string], "text")
            return .text(.uuid)
        case "hex":
            try expect([.string], "text")
            let args = try arguments(field, ["bytes"], required: ["bytes"])
            return .text(.hex(bytes: Int(try integer(args["bytes"]!, in: 0...16_777_216))))
        case "pattern":
            try expect([.string], "text")
            return .text(.templates([try TemplateText.pattern(try field.text())]))
        case "template":
            try expect([.string], "text")
            let texts = (try? field.items()) ?? [field]
            guard !texts.isEmpty else { throw field.error("no templates") }
            return .text(.templates(try texts.map { try template($0) }))
        default:
            throw field.error("unknown generator '\(key)'")
        }
    }

    /// A label source for a category column (its labels appended to the
    /// column's) or a string column (labels written as text).
    private func labelAction(_ source: LabelSource, _ values: [String], type: ColumnType, labels: inout [String]) -> Action {
        if type == .category {
            labels += values
            return .label(source)
        }
        return .text(.labels(source, TextTable(values), longest: values.map(\.utf8.count).max() ?? 0))
    }

    func template(_ field: Field) throws -> Template {
        try TemplateText.compile(try field.text(), field: field) { name, part in
            let index = indexByName[name]!
            switch document.columns[index].type {
            case .category: return (.label(column: index), compiled[index]!.labels.map(\.utf8.count).max() ?? 0)
            case .string: return (.text(column: index), 0)
            case .boolean: return (.bool(column: index), 5)
            case .float, .double: throw part.error("templates take text, integer and boolean columns; \(name) is \(Self.typeName(document.columns[index].type))")
            default: return (.int(column: index), 20)
            }
        } bound: { text in
            try integer(Field(node: YAMLNode(text), path: field.path, file: field.file), in: 0...9e18)
        }
    }

    static func typeName(_ type: ColumnType) -> String {
        SpecDocument.types.first { $0.value == type }!.key
    }

    // MARK: Dirt

    private func compileDirt(_ field: Field, column: SpecDocument.Column, labels: inout [String]) throws -> Dirt {
        let args = try arguments(field, ["share", "modes"], required: ["share", "modes"])
        let share = try number(args["share"]!, in: 0...1)
        var modes: [[Dirt.Step]] = []
        var growth = 0
        for mode in try args["modes"]!.items() {
            let steps = (try? mode.items()) ?? [mode]
            var compiledSteps: [Dirt.Step] = []
            var modeGrowth = 0
            for step in steps {
                let (compiledStep, stepGrowth) = try dirtStep(step, column: column)
                compiledSteps.append(compiledStep)
                modeGrowth += stepGrowth
            }
            guard !compiledSteps.isEmpty else { throw mode.error("an empty mode") }
            modes.append(compiledSteps)
            growth = max(growth, modeGrowth)
        }
        guard !modes.isEmpty else { throw args["modes"]!.error("no modes") }
        var dirt = Dirt(share: share, salt: Self.salt(column.name) ^ 0xd1e7, modes: modes, growth: growth)
        if column.type == .category {
            // Each clean label's dirty forms, worked out once: a dirty row
            // then only changes its label index.
            let clean = labels
            var map: [[[UInt32]]] = []
            for mode in modes {
                var perLabel: [[UInt32]] = []
                for label in clean {
                    var outcomes: [String] = [label]
                    for step in mode {
                        if case .fresh = step { throw field.error("a category column's dirt cannot make fresh values (use type string)") }
                        var next: [String] = []
                        for text in outcomes {
                            if case .variants(let keys, let values) = step {
                                if let at = keys.firstIndex(of: Array(text.utf8)) {
                                    next += values[at].map { String(decoding: $0, as: UTF8.self) }
                                } else {
                                    next.append(text)
                                }
                            } else {
                                next.append(Self.applyOnce(step, to: text))
                            }
                        }
                        outcomes = next
                    }
                    perLabel.append(outcomes.map { text in
                        if let existing = labels.firstIndex(of: text) { return UInt32(existing) }
                        labels.append(text)
                        return UInt32(labels.count - 1)
                    })
                }
                map.append(perLabel)
            }
            dirt.labelMap = map
        }
        return dirt
    }

    private static func applyOnce(_ step: Dirt.Step, to text: String) -> String {
        var bytes = Array(text.utf8) + [UInt8](repeating: 0, count: 4096)
        var random = RandomStream(seed: 0)
        let n = bytes.withUnsafeMutableBufferPointer {
            Dirt.apply(step, to: $0.baseAddress!, length: text.utf8.count, row: 0, views: nil, random: &random)
        }
        return String(decoding: bytes[0..<n], as: UTF8.self)
    }

    private func dirtStep(_ step: Field, column: SpecDocument.Column) throws -> (Dirt.Step, Int) {
        if case .scalar = step.node {
            switch try step.text() {
            case "upper": return (.upper, 0)
            case "lower": return (.lower, 0)
            default: throw step.error("unknown dirt mode '\(try step.text())' (modes: upper, lower, pad, replace, drop_from_last, variants, template, pattern)")
            }
        }
        let entries = try step.entries()
        guard entries.count == 1, let (key, value) = entries.first else { throw step.error("a dirt step is one of: upper, lower, pad, replace, drop_from_last, variants, template, pattern") }
        func bytes(_ field: Field) throws -> [UInt8] { Array(try field.text().utf8) }
        switch key {
        case "pad":
            let text = try bytes(value)
            guard text.count <= 64 else { throw value.error("at most 64 bytes") }
            return (.pad(text), 2 * text.count)
        case "replace":
            let pairs = try value.entries()
            guard pairs.count == 1, let (from, to) = pairs.first, !from.isEmpty else { throw value.error("replace takes one 'from: to' pair") }
            let toBytes = try bytes(to)
            guard toBytes.count <= 64 else { throw to.error("at most 64 bytes") }
            return (.replace(from: Array(from.utf8), to: toBytes), max(0, toBytes.count - from.utf8.count))
        case "drop_from_last":
            let text = try bytes(value)
            guard !text.isEmpty else { throw value.error("an empty text") }
            return (.dropFromLast(text), 0)
        case "variants":
            var keys: [[UInt8]] = [], values: [[[UInt8]]] = []
            var longest = 0
            for (from, to) in try value.entries() {
                let options: [[UInt8]]
                if case .sequence = to.node { options = try to.items().map { try bytes($0) } } else { options = [try bytes(to)] }
                guard !options.isEmpty else { throw to.error("no variants") }
                keys.append(Array(from.utf8))
                values.append(options)
                longest = max(longest, options.map(\.count).max()!)
            }
            return (.variants(keys: keys, values: values), longest)
        case "template", "pattern":
            guard column.type == .string else { throw value.error("fresh values need a string column") }
            let compiled = key == "pattern" ? try TemplateText.pattern(try value.text()) : try template(value)
            guard compiled.textColumns.isEmpty else { throw value.error("a dirt template cannot read string columns") }
            return (.fresh(compiled), compiled.fixedMaxLength)
        default:
            throw value.error("unknown dirt mode '\(key)' (modes: upper, lower, pad, replace, drop_from_last, variants, template, pattern)")
        }
    }
}
