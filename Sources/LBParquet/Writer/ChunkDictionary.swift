/// What a column chunk's data pages are dictionary-encoded against.
///
/// Policy: every chunk but BOOLEAN starts with a dictionary. Its first page
/// with values falls back to PLAIN when distinct values pass half of that
/// page's present values; any page falls back when the dictionary's PLAIN
/// size would pass `dictionaryPageLimit`. After a fallback the rest of the
/// chunk is PLAIN; earlier RLE_DICTIONARY pages stay valid, so the
/// dictionary page is still written. A labelled column has its labels as a
/// fixed dictionary and never falls back. Each row group starts over.
enum ChunkDictionary {
    /// BOOLEAN: every page PLAIN.
    case none
    /// A labelled column: the labels, indexed by the rows as they are.
    case labels(LabelDictionary)
    /// New pages try the dictionary.
    case building(ValueDictionary)
    /// A page fell back: the rest of the chunk is PLAIN.
    case fellBack(ValueDictionary)

    init(for column: ParquetColumn) {
        if let labels = column.labels {
            self = .labels(LabelDictionary(labels: labels))
        } else {
            switch column.type {
            case .boolean: self = .none
            case .string: self = .building(.strings(StringDictionary()))
            case .int32, .int64, .float, .double, .timestampMicros, .date:
                self = .building(.fixed(FixedDictionary(width: column.type.valueWidth)))
            }
        }
    }

    /// Empties the dictionary for the next row group, which tries it again.
    mutating func reset() {
        switch self {
        case .none: break
        case .labels(let labels): labels.reset()
        case .building(let values), .fellBack(let values):
            values.reset()
            self = .building(values)
        }
    }
}
