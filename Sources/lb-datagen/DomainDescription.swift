import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHost

/// A domain's description as JSON for machines.
struct DomainDescription: Encodable {
    /// `category`: a string column the domain fills with label indices.
    struct Column: Encodable { let name: String; let type: String; let nullable: Bool; let category: Bool; let description: String }
    struct Parameter: Encodable { let name: String; let `default`: String; let description: String }

    let name: String
    let version: String
    let summary: String
    let library: String
    let defaultPrefix: String
    let columns: [Column]
    let parameters: [Parameter]

    init(_ info: DomainInfo) {
        name = info.name
        version = info.version
        summary = info.summary
        library = info.library
        defaultPrefix = info.defaultPrefix
        columns = info.columns.map { Column(name: $0.name, type: "\($0.type)", nullable: $0.nullable, category: $0.isCategory, description: $0.description) }
        parameters = info.parameters.map { Parameter(name: $0.name, default: $0.defaultValue, description: $0.description) }
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }
}
