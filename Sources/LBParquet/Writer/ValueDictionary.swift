/// The values a chunk's pages met so far, each stored once: fixed-width
/// values or strings.
enum ValueDictionary {
    case fixed(FixedDictionary)
    case strings(StringDictionary)

    var count: Int {
        switch self {
        case .fixed(let dictionary): dictionary.count
        case .strings(let dictionary): dictionary.count
        }
    }

    /// Forgets the entries from `count` on (a page that fell back).
    func truncate(to count: Int) {
        switch self {
        case .fixed(let dictionary): dictionary.truncate(to: count)
        case .strings(let dictionary): dictionary.truncate(to: count)
        }
    }

    func reset() {
        switch self {
        case .fixed(let dictionary): dictionary.reset()
        case .strings(let dictionary): dictionary.reset()
        }
    }

    /// The dictionary page's body, with the entries' bounds added to `statistics`.
    func writePlain(into body: ByteBuffer, statistics: StatisticsAccumulator) {
        switch self {
        case .fixed(let dictionary):
            dictionary.writePlain(into: body)
            statistics.addDictionary(dictionary)
        case .strings(let dictionary):
            dictionary.writePlain(into: body)
            statistics.addDictionary(dictionary)
        }
    }
}
