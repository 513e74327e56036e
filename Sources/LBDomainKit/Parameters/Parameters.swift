/// A domain's resolved parameters (every declared name, defaults applied by
/// the host), with typed readers that reject bad values in one clear line.
public struct Parameters: Sendable {
    public let values: [String: String]

    public init(_ values: [String: String]) {
        self.values = values
    }

    public func string(_ name: String) throws -> String {
        guard let value = values[name] else { throw ParameterError("parameter \(name) is missing") }
        return value
    }

    public func double(_ name: String, in range: ClosedRange<Double>) throws -> Double {
        let text = try string(name)
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw ParameterError("parameter \(name): expected a number in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return value
    }

    public func int(_ name: String, in range: ClosedRange<Int>) throws -> Int {
        let text = try string(name)
        guard let value = Int(text), range.contains(value) else {
            throw ParameterError("parameter \(name): expected a whole number in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return value
    }

    public func date(_ name: String) throws -> CivilDate {
        let text = try string(name)
        guard let date = CivilDate(parsing: text) else {
            throw ParameterError("parameter \(name): expected a date YYYY-MM-DD, got '\(text)'")
        }
        return date
    }

    /// A weight table written `label:weight,label:weight`. With `labels`, the
    /// table must name each of them exactly once (weights may be 0) and the
    /// result follows that order; without, any labels in the order given.
    public func weights(_ name: String, labels: [String]? = nil) throws -> [(label: String, weight: Double)] {
        let text = try string(name)
        var table: [(label: String, weight: Double)] = []
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = entry.split(separator: ":", omittingEmptySubsequences: false)
            guard pair.count == 2, !pair[0].isEmpty, let weight = Double(pair[1]), weight.isFinite, weight >= 0 else {
                throw ParameterError("parameter \(name): expected label:weight,label:weight,..., got '\(text)'")
            }
            table.append((String(pair[0]), weight))
        }
        guard table.contains(where: { $0.weight > 0 }) else {
            throw ParameterError("parameter \(name): weights must not all be zero")
        }
        guard Set(table.map(\.label)).count == table.count else {
            throw ParameterError("parameter \(name): a label appears twice in '\(text)'")
        }
        guard let labels else { return table }
        guard Set(labels) == Set(table.map(\.label)) else {
            throw ParameterError("parameter \(name): labels must be exactly \(labels.joined(separator: ", ")), got '\(text)'")
        }
        return labels.map { label in table.first { $0.label == label }! }
    }
}
