/// A bad spec, or a bad parameter for one: one line naming the file, the
/// line and the field.
struct SpecError: Error, CustomStringConvertible {
    let file: String
    let line: Int
    let field: String
    let message: String

    var description: String { "\(file):\(line): \(field): \(message)" }
}
