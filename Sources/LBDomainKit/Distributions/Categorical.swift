/// A categorical column's distribution from one `label:weight,...`
/// parameter: draws an index by weight; `names` are a category column's
/// labels, and `labels` the same ready to append to text.
public struct Categorical: Sendable {
    public let choice: WeightedChoice
    public let names: [String]
    public let labels: TextTable
    /// Bytes of the longest label, to size text built from labels.
    public let longestLabel: Int

    /// With `labels`, the parameter must name exactly those (the domain has
    /// rules tied to them) and indices follow that order.
    public init(_ parameters: Parameters, _ name: String, labels: [String]? = nil) throws {
        let table = try parameters.weights(name, labels: labels)
        choice = WeightedChoice(weights: table.map(\.weight))
        names = table.map(\.label)
        self.labels = TextTable(names)
        longestLabel = table.map(\.label.utf8.count).max() ?? 0
    }

    @inlinable @inline(__always)
    public func pick(_ random: inout RandomStream) -> Int {
        choice.pick(&random)
    }
}
