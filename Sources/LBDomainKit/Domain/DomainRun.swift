/// One run of a domain, opened with resolved parameters: what the host
/// calls between open and close. `fill` is called from several threads at
/// once, so it must only read the run's state.
public protocol DomainRun: Sendable {
    /// Writes `batch.rowCount` rows into the batch's columns.
    func fill(_ batch: Batch) throws

    /// The labels of a `.category` column for this run, in index order.
    func labels(for column: String) throws -> [String]
}
