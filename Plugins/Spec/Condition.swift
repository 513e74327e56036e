/// When a rule of a column applies to a row: a test of another column's
/// value in the same row. A null value is in no set. Each test runs over
/// a batch's rows in a loop of its own (`ColumnProgram.mark`).
enum Condition {
    /// A category's label index is marked in `members`.
    case labels(column: Int, members: [Bool])
    /// A string column's value is one of these.
    case texts(column: Int, values: [[UInt8]])
    /// An integer or boolean value is one of these.
    case ints(column: Int, values: [Int64])
    /// A number lies in min...max.
    case range(column: Int, min: Double, max: Double)
    case isNull(column: Int, Bool)
    /// The test turned around (`not_in`); still false on nulls.
    indirect case not(Condition)
}
