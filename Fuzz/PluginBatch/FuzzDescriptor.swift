import CLBDomain
import Foundation

/// The C descriptor of the fuzz plugin's one domain, made per input and
/// freed after it (a real plugin's lives for the process).
final class FuzzDescriptor {
    let pointer = UnsafeMutablePointer<lb_domain>.allocate(capacity: 1)
    private let columnDefs: UnsafeMutablePointer<lb_column_def>
    private var strings: [UnsafeMutablePointer<CChar>] = []

    init(plugin: FuzzPlugin) {
        let columns = plugin.fuzzCase.columns
        columnDefs = .allocate(capacity: columns.count)
        func text(_ value: String) -> UnsafePointer<CChar> {
            let copy = strdup(value)!
            strings.append(copy)
            return UnsafePointer(copy)
        }
        for (index, column) in columns.enumerated() {
            columnDefs[index] = lb_column_def(name: text(column.name), type: column.type.rawValue,
                                              nullable: column.nullable ? 1 : 0, description: nil)
        }
        pointer.initialize(to: lb_domain(
            abi_version: LB_DOMAIN_ABI_VERSION, struct_size: UInt32(MemoryLayout<lb_domain>.size),
            name: text("fuzz"), version: text("1"), description: nil, default_prefix: nil,
            columns: columnDefs, column_count: UInt32(columns.count), params: nil, param_count: 0,
            context: Unmanaged.passUnretained(plugin).toOpaque(),
            open: { descriptor, _, _, _, _ in descriptor?.pointee.context },
            fill: { state, batch, error in
                Unmanaged<FuzzPlugin>.fromOpaque(state!).takeUnretainedValue().fill(batch!, error: error)
            },
            close: { _ in },
            labels: { state, column, labels, count, _ in
                Unmanaged<FuzzPlugin>.fromOpaque(state!).takeUnretainedValue().labels(column: Int(column), into: labels!, count: count!)
            }))
    }

    deinit {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
        columnDefs.deallocate()
        strings.forEach { free($0) }
    }
}
