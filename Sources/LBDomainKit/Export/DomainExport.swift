import CLBDomain
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Turns Swift `Domain` types into the C descriptors of the ABI. A plugin's
/// whole entry point is:
///
///     @_cdecl("lb_domain_register")
///     public func register(_ registrar: UnsafeMutablePointer<lb_registrar>?) -> Int32 {
///         DomainExport.register([MyDomain.self], with: registrar)
///     }
public enum DomainExport {
    /// Returns `LB_STATUS_OK` when every domain was accepted,
    /// `LB_STATUS_FAILED` otherwise, `LB_STATUS_ABI_MISMATCH` when the host
    /// speaks another ABI version (nothing is registered then).
    public static func register(_ domains: [any Domain.Type], with registrar: UnsafeMutablePointer<lb_registrar>?) -> Int32 {
        guard let registrar else { return LB_STATUS_FAILED }
        guard registrar.pointee.abi_version == LB_DOMAIN_ABI_VERSION else { return LB_STATUS_ABI_MISMATCH }
        var status = LB_STATUS_OK
        for domain in domains where registrar.pointee.add_domain(registrar, descriptor(for: DomainDeclaration(domain))) != LB_STATUS_OK {
            status = LB_STATUS_FAILED
        }
        return status
    }

    /// Builds a descriptor that lives for the process's life: plugins are
    /// never unloaded, so nothing here is ever freed. The kit keeps it (the
    /// ABI makes it the plugin's to own), so it never looks leaked.
    public static func descriptor(for declaration: DomainDeclaration) -> UnsafeMutablePointer<lb_domain> {
        let descriptor = makeDescriptor(for: declaration)
        madeDescriptors.withLock { $0.append(MadeDescriptor(pointer: descriptor)) }
        return descriptor
    }

    private static func makeDescriptor(for declaration: DomainDeclaration) -> UnsafeMutablePointer<lb_domain> {
        let columns = UnsafeMutablePointer<lb_column_def>.allocate(capacity: max(declaration.columns.count, 1))
        for (index, column) in declaration.columns.enumerated() {
            columns[index] = lb_column_def(
                name: strdup(column.name), type: column.type.rawValue,
                nullable: column.nullable ? 1 : 0, description: strdup(column.description))
        }
        let parameters = UnsafeMutablePointer<lb_param_def>.allocate(capacity: max(declaration.parameters.count, 1))
        for (index, parameter) in declaration.parameters.enumerated() {
            parameters[index] = lb_param_def(
                name: strdup(parameter.name), default_value: strdup(parameter.defaultValue),
                description: strdup(parameter.description))
        }
        let descriptor = UnsafeMutablePointer<lb_domain>.allocate(capacity: 1)
        descriptor.initialize(to: lb_domain(
            abi_version: LB_DOMAIN_ABI_VERSION,
            struct_size: UInt32(MemoryLayout<lb_domain>.size),
            name: strdup(declaration.name),
            version: strdup(declaration.version),
            description: strdup(declaration.summary),
            default_prefix: strdup(declaration.defaultPrefix),
            columns: columns,
            column_count: UInt32(declaration.columns.count),
            params: parameters,
            param_count: UInt32(declaration.parameters.count),
            context: Unmanaged.passRetained(DeclarationBox(declaration)).toOpaque(),
            open: openDomain,
            fill: fillBatch,
            close: closeDomain,
            labels: columnLabels))
        return descriptor
    }
}

/// Every descriptor the kit made in this library, for the process's life.
private let madeDescriptors = Mutex<[MadeDescriptor]>([])

/// A descriptor is never written after it is made: any thread may read it.
private struct MadeDescriptor: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<lb_domain>
}

/// Holds a domain's declaration behind the descriptor's `context`.
private final class DeclarationBox {
    let declaration: DomainDeclaration
    init(_ declaration: DomainDeclaration) { self.declaration = declaration }
}

/// Holds a run's domain instance behind the state pointer, with the C
/// copies of the labels it named (valid until close).
private final class DomainInstanceBox {
    let domain: any DomainRun
    let columnNames: [String]
    var labels: [UnsafeMutablePointer<UnsafePointer<CChar>?>] = []
    var labelCounts: [Int] = []

    init(_ domain: any DomainRun, columnNames: [String]) {
        self.domain = domain
        self.columnNames = columnNames
    }

    deinit {
        for (table, count) in zip(labels, labelCounts) {
            for index in 0..<count { free(UnsafeMutablePointer(mutating: table[index])) }
            table.deallocate()
        }
    }
}

private func report(_ error: Error, into buffer: UnsafeMutablePointer<lb_error>?) {
    guard let buffer else { return }
    let text = Array(String(describing: error).utf8.prefix(Int(LB_ERROR_CAPACITY) - 1))
    withUnsafeMutableBytes(of: &buffer.pointee.message) { message in
        message.copyBytes(from: text)
        message[text.count] = 0
    }
}

private let openDomain: @convention(c) (
    UnsafePointer<lb_domain>?, UnsafePointer<lb_param>?, UInt32, UInt64, UnsafeMutablePointer<lb_error>?
) -> UnsafeMutableRawPointer? = { descriptor, params, count, seed, errorBuffer in
    guard let descriptor, let context = descriptor.pointee.context else { return nil }
    let declaration = Unmanaged<DeclarationBox>.fromOpaque(context).takeUnretainedValue().declaration
    var values: [String: String] = [:]
    for index in 0..<Int(count) {
        if let name = params?[index].name, let value = params?[index].value {
            values[String(cString: name)] = String(cString: value)
        }
    }
    do {
        let domain = try declaration.open(Parameters(values), seed)
        return Unmanaged.passRetained(DomainInstanceBox(domain, columnNames: declaration.columns.map(\.name))).toOpaque()
    } catch {
        report(error, into: errorBuffer)
        return nil
    }
}

private let fillBatch: @convention(c) (
    UnsafeMutableRawPointer?, UnsafeMutablePointer<lb_batch>?, UnsafeMutablePointer<lb_error>?
) -> Int32 = { state, batch, errorBuffer in
    guard let state, let batch else { return LB_STATUS_FAILED }
    let domain = Unmanaged<DomainInstanceBox>.fromOpaque(state).takeUnretainedValue().domain
    do {
        try domain.fill(Batch(batch))
        return LB_STATUS_OK
    } catch {
        report(error, into: errorBuffer)
        return LB_STATUS_FAILED
    }
}

private let columnLabels: @convention(c) (
    UnsafeMutableRawPointer?, UInt32, UnsafeMutablePointer<UnsafePointer<UnsafePointer<CChar>?>?>?,
    UnsafeMutablePointer<UInt32>?, UnsafeMutablePointer<lb_error>?
) -> Int32 = { state, column, labelsOut, countOut, errorBuffer in
    guard let state, let labelsOut, let countOut else { return LB_STATUS_FAILED }
    let box = Unmanaged<DomainInstanceBox>.fromOpaque(state).takeUnretainedValue()
    guard Int(column) < box.columnNames.count else { return LB_STATUS_FAILED }
    do {
        let labels = try box.domain.labels(for: box.columnNames[Int(column)])
        let table = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: max(labels.count, 1))
        for (index, label) in labels.enumerated() { table[index] = UnsafePointer(strdup(label)) }
        box.labels.append(table)
        box.labelCounts.append(labels.count)
        labelsOut.pointee = UnsafePointer(table)
        countOut.pointee = UInt32(labels.count)
        return LB_STATUS_OK
    } catch {
        report(error, into: errorBuffer)
        return LB_STATUS_FAILED
    }
}

private let closeDomain: @convention(c) (UnsafeMutableRawPointer?) -> Void = { state in
    guard let state else { return }
    Unmanaged<DomainInstanceBox>.fromOpaque(state).release()
}
