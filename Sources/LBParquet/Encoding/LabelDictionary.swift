/// The dictionary of a labelled STRING column. Fixed for the writer's life,
/// so a row's entry is a table lookup and the dictionary page is the same
/// bytes in every chunk. Repeated labels share one entry. It remembers which
/// entries a chunk used, for the chunk's min and max.
final class LabelDictionary {
    /// Label index -> dictionary entry.
    private let entryOfLabel: UnsafeMutablePointer<UInt32>
    let labelCount: Int
    let entries: [[UInt8]]
    /// Entries in byte order, for statistics.
    private let entriesInOrder: [Int]
    /// The dictionary page body: every entry PLAIN-encoded.
    let plain: [UInt8]
    let bitWidth: Int
    /// 1 for each entry the current chunk used; one more slot that null
    /// rows mark, so marking needs no branch.
    private let used: UnsafeMutablePointer<UInt8>
    /// Every label is its own entry (no label repeats another), so a page
    /// without nulls can be encoded straight from the label indices.
    let isIdentity: Bool
    /// Bit e: entry e was used, for identity dictionaries of at most 64
    /// labels, which mark rows in a register instead of in `used`.
    private var usedMask: UInt64 = 0

    init(labels: [[UInt8]]) {
        var entryOf: [[UInt8]: UInt32] = [:]
        var entries: [[UInt8]] = []
        labelCount = labels.count
        entryOfLabel = .allocate(capacity: max(labels.count, 1))
        entryOfLabel[0] = 0
        for (index, label) in labels.enumerated() {
            if let entry = entryOf[label] {
                entryOfLabel[index] = entry
            } else {
                entryOf[label] = UInt32(entries.count)
                entryOfLabel[index] = UInt32(entries.count)
                entries.append(label)
            }
        }
        self.entries = entries
        entriesInOrder = entries.indices.sorted { entries[$0].lexicographicallyPrecedes(entries[$1]) }
        var plain: [UInt8] = []
        for entry in entries {
            withUnsafeBytes(of: UInt32(entry.count).littleEndian) { plain.append(contentsOf: $0) }
            plain.append(contentsOf: entry)
        }
        self.plain = plain
        bitWidth = HybridEncoder.bitWidth(forMaxValue: UInt64(max(entries.count - 1, 0)))
        used = .allocate(capacity: entries.count + 1)
        used.initialize(repeating: 0, count: entries.count + 1)
        isIdentity = entries.count == labels.count
    }

    deinit {
        entryOfLabel.deallocate()
        used.deallocate()
    }

    /// The entries of the present rows' labels, in row order; returns how
    /// many, or nil when a present row's index is not a label's.
    /// Branch-free: every row's entry is stored and the write position only
    /// advances for present rows, so `indices` needs room for `count`.
    func map(
        labels: UnsafePointer<UInt32>, validity: UnsafePointer<UInt8>?, count: Int,
        into indices: UnsafeMutablePointer<UInt32>
    ) -> Int? {
        let last = UInt32(truncatingIfNeeded: max(labelCount, 1) &- 1)
        let sink = entries.count  // the `used` slot null rows mark
        var greatest: UInt32 = 0
        var k = 0
        if let validity, isIdentity && labelCount <= 64 {
            // Labels are entries, and used ones are marked in a register.
            var mask: UInt64 = 0
            for i in 0..<count {
                let valid = validity[i]
                let label = labels[i] & (0 &- UInt32(valid))
                greatest = max(greatest, label)
                indices[k] = label
                mask |= UInt64(valid) &<< UInt64(label & 63)
                k &+= Int(valid)
            }
            usedMask |= mask
        } else if let validity {
            for i in 0..<count {
                let valid = validity[i]
                let label = labels[i] & (0 &- UInt32(valid))  // a null row's index is ignored
                greatest = max(greatest, label)
                let entry = entryOfLabel[Int(min(label, last))]
                indices[k] = entry
                used[valid != 0 ? Int(entry) : sink] = 1
                k &+= Int(valid)
            }
        } else {
            for i in 0..<count {
                let label = labels[i]
                greatest = max(greatest, label)
                let entry = entryOfLabel[Int(min(label, last))]
                indices[i] = entry
                used[Int(entry)] = 1
            }
            k = count
        }
        let outOfRange = k > 0 && (labelCount == 0 || greatest > last)
        return outOfRange ? nil : k
    }

    /// For an identity dictionary and a page without nulls: whether every
    /// label index names a label, marking the entries used. The indices are
    /// then the page's dictionary indices as they are.
    func markUsed(labels: UnsafePointer<UInt32>, count: Int) -> Bool {
        precondition(isIdentity)
        var greatest: UInt32 = 0
        if labelCount <= 64 {
            var mask: UInt64 = 0
            for i in 0..<count {
                let label = labels[i]
                greatest = max(greatest, label)
                mask |= 1 &<< UInt64(label & 63)
            }
            if count > 0 && Int(greatest) >= labelCount { return false }
            usedMask |= mask
            return true
        }
        let last = UInt32(truncatingIfNeeded: labelCount &- 1)
        for i in 0..<count {
            let label = labels[i]
            greatest = max(greatest, label)
            used[Int(min(label, last))] = 1
        }
        return count == 0 || Int(greatest) < labelCount
    }

    private func wasUsed(_ entry: Int) -> Bool {
        used[entry] != 0 || (entry < 64 && usedMask & (1 << UInt64(entry)) != 0)
    }

    /// The chunk's min and max: its least and greatest used entries.
    func addUsed(to statistics: StatisticsAccumulator) {
        guard let least = entriesInOrder.first(where: wasUsed),
              let greatest = entriesInOrder.last(where: wasUsed) else { return }
        for entry in [least, greatest] {
            entries[entry].withUnsafeBytes { statistics.addString($0.baseAddress ?? UnsafeRawPointer(used), $0.count) }
        }
    }

    /// Forgets the used entries, for the next chunk.
    func reset() {
        used.update(repeating: 0, count: entries.count + 1)
        usedMask = 0
    }
}
