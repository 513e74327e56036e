import CLBDomain
import LBDomainKit

/// One run of a spec domain: its columns compiled, in the order they fill
/// (every column after the ones it reads). `fill` only reads this state.
struct SpecRun: DomainRun, @unchecked Sendable {
    /// In fill order.
    let columns: [ColumnProgram]
    /// By spec index: type and labels, to lay out the views.
    let types: [ColumnType]
    let labelTables: [TextTable?]
    let nullable: [Bool]
    /// By spec index: the batch column of a written column; nil for a hidden one.
    let slots: [BatchSlot?]

    func labels(for column: String) throws -> [String] {
        guard let program = columns.first(where: { $0.name == column && $0.type == .category }) else {
            throw ParameterError("no category column \(column)")
        }
        return program.labels
    }

    func fill(_ batch: Batch) throws {
        let rows = batch.rowCount
        let count = types.count
        // Scratch for the batch: the row actions and the hidden columns.
        let actions = UnsafeMutablePointer<UInt8>.allocate(capacity: max(rows, 1))
        defer { actions.deallocate() }
        let views = UnsafeMutablePointer<ColumnView>.allocate(capacity: count)
        defer { views.deinitialize(count: count); views.deallocate() }
        var scratch: [UnsafeMutableRawPointer] = []
        defer { scratch.forEach { $0.deallocate() } }
        for index in 0..<count {
            if let slot = slots[index] {
                views.advanced(by: index).initialize(to: slot.view(batch, type: types[index], labels: labelTables[index],
                                                                   placeholder: UnsafeMutableRawPointer(actions)))
            } else {
                let memory = UnsafeMutableRawPointer.allocate(byteCount: max(rows, 1) * 9, alignment: 8)
                scratch.append(memory)
                let validity = (memory + rows * 8).bindMemory(to: UInt8.self, capacity: rows)
                validity.update(repeating: 1, count: rows)
                views.advanced(by: index).initialize(to: ColumnView(
                    values: memory, validity: nullable[index] ? validity : nil, column: nil,
                    type: types[index], labels: labelTables[index]))
            }
        }
        for program in columns {
            program.decide(actions, rows: rows, batch: batch, views: views)
            let view = views[program.index]
            switch program.type {
            case .boolean: program.fillNumbers(view.values.assumingMemoryBound(to: UInt8.self), validity: view.validity, actions: actions, rows: rows, batch: batch, views: views)
            case .int32, .date: program.fillNumbers(view.values.assumingMemoryBound(to: Int32.self), validity: view.validity, actions: actions, rows: rows, batch: batch, views: views)
            case .int64, .timestampMicros: program.fillNumbers(view.values.assumingMemoryBound(to: Int64.self), validity: view.validity, actions: actions, rows: rows, batch: batch, views: views)
            case .float: program.fillNumbers(view.values.assumingMemoryBound(to: Float.self), validity: view.validity, actions: actions, rows: rows, batch: batch, views: views)
            case .double: program.fillNumbers(view.values.assumingMemoryBound(to: Double.self), validity: view.validity, actions: actions, rows: rows, batch: batch, views: views)
            case .category: program.fillLabels(view.values.assumingMemoryBound(to: UInt32.self), validity: view.validity, actions: actions, rows: rows, batch: batch, views: views)
            case .string:
                guard case .string(let handle) = slots[program.index] else { continue }
                var column = batch[handle]
                program.fillText(&column, actions: actions, rows: rows, batch: batch, views: views)
            }
        }
    }
}
