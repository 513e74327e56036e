import CLBDomain
import LBParquet

/// A registered domain as the host sees it: the plugin's descriptor and
/// Swift copies of what it declares.
public struct DomainInfo: @unchecked Sendable {
    public struct Parameter: Sendable, Hashable {
        public let name: String
        public let defaultValue: String
        public let description: String
    }

    public struct Column: Sendable, Hashable {
        public let name: String
        public let type: ParquetType
        public let nullable: Bool
        public let description: String
        /// Rows come as indices into labels the domain names after open.
        public let isCategory: Bool
    }

    let descriptor: UnsafePointer<lb_domain>
    /// The shared library the domain came from.
    public let library: String
    public let name: String
    public let version: String
    public let summary: String
    public let defaultPrefix: String
    public let columns: [Column]
    public let parameters: [Parameter]

    /// Reads a descriptor, or says in one line why it is unusable.
    public init(descriptor: UnsafePointer<lb_domain>, library: String) throws {
        // The version and size lead every version's descriptor: read them
        // alone first, since another version's struct may be shorter.
        let raw = UnsafeRawPointer(descriptor)
        let abiVersion = raw.load(fromByteOffset: MemoryLayout<lb_domain>.offset(of: \.abi_version)!, as: UInt32.self)
        let structSize = raw.load(fromByteOffset: MemoryLayout<lb_domain>.offset(of: \.struct_size)!, as: UInt32.self)
        guard abiVersion == LB_DOMAIN_ABI_VERSION else {
            throw HostError("ABI version \(abiVersion), host speaks \(LB_DOMAIN_ABI_VERSION)")
        }
        guard structSize == MemoryLayout<lb_domain>.size else {
            throw HostError("descriptor size \(structSize), expected \(MemoryLayout<lb_domain>.size)")
        }
        let d = descriptor.pointee
        guard let name = d.name.map({ String(cString: $0) }), !name.isEmpty else { throw HostError("a domain has no name") }
        guard d.open != nil, d.fill != nil, d.close != nil else { throw HostError("domain \(name) lacks open, fill or close") }
        guard d.column_count > 0, let columnDefs = d.columns else { throw HostError("domain \(name) declares no columns") }
        guard d.param_count == 0 || d.params != nil else { throw HostError("domain \(name) declares parameters without a table") }

        var columns: [Column] = []
        for index in 0..<Int(d.column_count) {
            let def = columnDefs[index]
            guard let columnName = def.name.map({ String(cString: $0) }), !columnName.isEmpty else {
                throw HostError("domain \(name): column \(index) has no name")
            }
            guard let type = Self.parquetType(def.type) else {
                throw HostError("domain \(name): column \(columnName) has unknown type \(def.type)")
            }
            columns.append(Column(name: columnName, type: type, nullable: def.nullable != 0,
                                  description: def.description.map { String(cString: $0) } ?? "",
                                  isCategory: def.type == LB_TYPE_CATEGORY.rawValue))
        }
        guard Set(columns.map(\.name)).count == columns.count else { throw HostError("domain \(name): two columns share a name") }
        if let category = columns.first(where: \.isCategory), d.labels == nil {
            throw HostError("domain \(name): column \(category.name) is a category but the domain has no labels function")
        }
        var parameters: [Parameter] = []
        for index in 0..<Int(d.param_count) {
            let def = d.params[index]
            guard let parameterName = def.name.map({ String(cString: $0) }), !parameterName.isEmpty else {
                throw HostError("domain \(name): parameter \(index) has no name")
            }
            parameters.append(Parameter(name: parameterName,
                                        defaultValue: def.default_value.map { String(cString: $0) } ?? "",
                                        description: def.description.map { String(cString: $0) } ?? ""))
        }
        self.descriptor = descriptor
        self.library = library
        self.name = name
        self.version = d.version.map { String(cString: $0) } ?? "0"
        self.summary = d.description.map { String(cString: $0) } ?? ""
        self.defaultPrefix = d.default_prefix.map { String(cString: $0) } ?? name
        self.columns = columns
        self.parameters = parameters
    }

    static func parquetType(_ type: UInt32) -> ParquetType? {
        switch type {
        case LB_TYPE_BOOLEAN.rawValue: .boolean
        case LB_TYPE_INT32.rawValue: .int32
        case LB_TYPE_INT64.rawValue: .int64
        case LB_TYPE_FLOAT.rawValue: .float
        case LB_TYPE_DOUBLE.rawValue: .double
        case LB_TYPE_STRING.rawValue, LB_TYPE_CATEGORY.rawValue: .string
        case LB_TYPE_TIMESTAMP_MICROS.rawValue: .timestampMicros
        case LB_TYPE_DATE.rawValue: .date
        default: nil
        }
    }
}
