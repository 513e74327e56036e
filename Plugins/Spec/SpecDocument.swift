import LBDomainKit

/// A spec file read and checked for shape: its header, parameters and
/// column declarations. Generators are compiled later, per run, once the
/// parameters are known (`Compiler`).
struct SpecDocument: @unchecked Sendable {  // immutable once read
    static let formatVersion = 1

    struct Column {
        let name: String
        let type: ColumnType
        let nullable: Bool
        let hidden: Bool
        let description: String
        let field: Field
    }

    let path: String
    let name: String
    let version: String
    let summary: String
    let defaultPrefix: String
    let parameters: [ParameterSpec]
    /// Where each parameter is declared, for errors in its value.
    let parameterFields: [String: Field]
    let columns: [Column]

    init(path: String, text: String) throws {
        self.path = path
        let document: YAMLNode?
        do {
            document = try YAMLReader.document(text)
        } catch {
            throw SpecError(file: path, line: error.line, field: "yaml", message: "not valid YAML: \(error.problem)")
        }
        guard let root = document else { throw SpecError(file: path, line: 1, field: "spec", message: "the file is empty") }
        let top = try Field(node: root, path: "", file: path)
            .fields(allowing: ["spec_version", "name", "version", "description", "prefix", "parameters", "columns"])
        let spec = Field(node: root, path: "spec", file: path)
        func required(_ key: String) throws -> Field {
            guard let field = top[key] else { throw spec.error("missing field '\(key)'") }
            return field
        }
        let format = try required("spec_version")
        guard try format.text() == String(Self.formatVersion) else {
            throw format.error("this lb-datagen reads spec_version \(Self.formatVersion), got '\(try format.text())'")
        }
        let nameField = try required("name")
        name = try nameField.text()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw nameField.error("a domain name is letters, digits, '_' and '-', got '\(name)'")
        }
        version = try top["version"]?.text() ?? "1"
        summary = try top["description"]?.text() ?? ""
        defaultPrefix = try top["prefix"]?.text() ?? name

        var parameters: [ParameterSpec] = []
        var parameterFields: [String: Field] = [:]
        for (key, value) in try top["parameters"]?.entries() ?? [] {
            guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw value.error("a parameter name is letters, digits and '_'")
            }
            if case .mapping = value.node {
                let fields = try value.fields(allowing: ["default", "description"])
                guard let defaultField = fields["default"] else { throw value.error("missing field 'default'") }
                parameters.append(ParameterSpec(key, default: try Self.parameterText(defaultField), try fields["description"]?.text() ?? ""))
            } else {
                parameters.append(ParameterSpec(key, default: try Self.parameterText(value), ""))
            }
            parameterFields[key] = value
        }
        self.parameters = parameters
        self.parameterFields = parameterFields

        var columns: [Column] = []
        let columnsField = try required("columns")
        for item in try columnsField.items() {
            guard case .mapping = item.node else { throw item.error("a column is a mapping with name, type and a generator") }
            let entries = try item.entries()
            guard let nameEntry = entries.first(where: { $0.key == "name" }) else { throw item.error("a column needs a name") }
            let columnName = try nameEntry.value.text()
            guard !columnName.isEmpty, !columns.contains(where: { $0.name == columnName }) else {
                throw nameEntry.value.error(columnName.isEmpty ? "a column name must not be empty" : "column '\(columnName)' is declared twice")
            }
            let field = Field(node: item.node, path: "columns.\(columnName)", file: path)
            let fields = Dictionary(uniqueKeysWithValues: try field.entries().map { ($0.key, $0.value) })
            guard let typeField = fields["type"] else { throw field.error("missing field 'type'") }
            guard let type = Self.types[try typeField.text()] else {
                throw typeField.error("unknown type '\(try typeField.text())' (types: \(Self.types.keys.sorted().joined(separator: ", ")))")
            }
            columns.append(Column(
                name: columnName, type: type, nullable: try fields["nullable"]?.bool() ?? false,
                hidden: try fields["hidden"]?.bool() ?? false, description: try fields["description"]?.text() ?? "", field: field))
        }
        guard columns.contains(where: { !$0.hidden }) else { throw columnsField.error("a spec needs at least one column that is not hidden") }
        self.columns = columns
    }

    /// The columns files hold (the hidden ones are only read by others).
    var writtenColumns: [ColumnSpec] {
        columns.filter { !$0.hidden }.map { ColumnSpec($0.name, $0.type, nullable: $0.nullable, $0.description) }
    }

    static let types: [String: ColumnType] = [
        "boolean": .boolean, "int32": .int32, "int64": .int64, "float": .float, "double": .double,
        "string": .string, "timestamp": .timestampMicros, "date": .date, "category": .category,
    ]

    /// A parameter default: a single value, or a list / label-weight mapping
    /// written in the `--param` text form (`a,b` and `a:0.5,b:0.5`).
    private static func parameterText(_ field: Field) throws -> String {
        switch field.node {
        case .scalar: return try field.text()
        case .sequence: return try field.items().map { try $0.text() }.joined(separator: ",")
        case .mapping: return try field.entries().map { "\($0.key):\(try $0.value.text())" }.joined(separator: ",")
        }
    }
}
