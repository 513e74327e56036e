import CLBDomain
import LBParquet
#if canImport(Glibc)
import Glibc
#endif

/// A domain opened for one run: parameters resolved and checked by the
/// plugin. `fill` may be called from several threads at once (ABI rule).
public final class DomainInstance: @unchecked Sendable {
    public let info: DomainInfo
    /// Every declared parameter with its value, defaults applied.
    public let parameters: [(name: String, value: String)]
    public let seed: UInt64
    /// The file schema, category columns with this run's labels.
    public let schema: ParquetSchema
    private let state: UnsafeMutableRawPointer

    /// `overrides` must name declared parameters only.
    public init(info: DomainInfo, overrides: [String: String], seed: UInt64) throws {
        let declared = Set(info.parameters.map(\.name))
        if let unknown = overrides.keys.sorted().first(where: { !declared.contains($0) }) {
            throw HostError("domain \(info.name) has no parameter '\(unknown)' (it has: \(info.parameters.map(\.name).joined(separator: ", ")))")
        }
        let resolved = info.parameters.map { (name: $0.name, value: overrides[$0.name] ?? $0.defaultValue) }
        var error = lb_error()
        let state = Self.withCParameters(resolved) { params, count in
            info.descriptor.pointee.open(info.descriptor, params, count, seed, &error)
        }
        guard let state else {
            throw HostError("domain \(info.name): \(Self.message(error, fallback: "open failed"))")
        }
        var columns: [ParquetColumn] = []
        for (index, column) in info.columns.enumerated() {
            var labels: [[UInt8]]?
            if column.isCategory {
                do {
                    labels = try Self.labels(info: info, state: state, column: index)
                } catch {
                    info.descriptor.pointee.close(state)
                    throw error
                }
            }
            columns.append(ParquetColumn(name: column.name, type: column.type, nullable: column.nullable, labels: labels))
        }
        schema = ParquetSchema(columns: columns)
        self.info = info
        self.parameters = resolved
        self.seed = seed
        self.state = state
    }

    deinit {
        info.descriptor.pointee.close(state)
    }

    /// Fills a batch; a plugin failure becomes an error naming the library.
    func fill(_ batch: inout lb_batch) throws {
        var error = lb_error()
        let status = info.descriptor.pointee.fill(state, &batch, &error)
        guard status == 0 else {
            throw HostError("domain \(info.name) (\(info.library)) failed to fill rows \(batch.first_row)..<\(batch.first_row + batch.row_count) of file \(batch.file_id): \(Self.message(error, fallback: "status \(status)"))")
        }
    }

    /// A category column's labels, checked against the ABI's limits.
    private static func labels(info: DomainInfo, state: UnsafeMutableRawPointer, column index: Int) throws -> [[UInt8]] {
        let name = info.columns[index].name
        var error = lb_error()
        var pointer: UnsafePointer<UnsafePointer<CChar>?>?
        var count: UInt32 = 0
        let status = info.descriptor.pointee.labels(state, UInt32(index), &pointer, &count, &error)
        guard status == 0 else {
            throw HostError("domain \(info.name): labels of column \(name): \(message(error, fallback: "status \(status)"))")
        }
        guard count > 0, let pointer else { throw HostError("domain \(info.name): category column \(name) has no labels") }
        guard count <= LB_CATEGORY_MAX_LABELS else {
            throw HostError("domain \(info.name): category column \(name) has \(count) labels, more than \(LB_CATEGORY_MAX_LABELS)")
        }
        var labels: [[UInt8]] = []
        var bytes = 0
        for label in 0..<Int(count) {
            guard let text = pointer[label] else { throw HostError("domain \(info.name): label \(label) of column \(name) is NULL") }
            let utf8 = Array(UnsafeRawBufferPointer(start: text, count: strlen(text)))
            guard String(validating: utf8, as: UTF8.self) != nil else {
                throw HostError("domain \(info.name): label \(label) of column \(name) is not UTF-8")
            }
            bytes += utf8.count
            labels.append(utf8)
        }
        guard bytes <= LB_CATEGORY_MAX_BYTES else {
            throw HostError("domain \(info.name): the labels of category column \(name) take \(bytes) bytes, more than \(LB_CATEGORY_MAX_BYTES)")
        }
        return labels
    }

    static func message(_ error: lb_error, fallback: String) -> String {
        var copy = error
        let text = withUnsafeBytes(of: &copy.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return text.isEmpty ? fallback : text
    }

    private static func withCParameters<R>(
        _ parameters: [(name: String, value: String)],
        _ body: (UnsafePointer<lb_param>?, UInt32) -> R
    ) -> R {
        let strings = parameters.map { (strdup($0.name)!, strdup($0.value)!) }
        defer { strings.forEach { free($0.0); free($0.1) } }
        let params = strings.map { lb_param(name: $0.0, value: $0.1) }
        return params.withUnsafeBufferPointer { body($0.baseAddress, UInt32($0.count)) }
    }
}
