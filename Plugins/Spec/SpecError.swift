/// A bad spec, or a bad parameter for one: one line naming the file, the
/// line and the field.
struct SpecError: Error, CustomStringConvertible {
    let file: String
    let line: Int
    let field: String
    let message: String

    /// One line even when the message quotes a value that spans several
    /// (a block scalar): each line break (\r\n too) is written as `\n`.
    var description: String {
        "\(file):\(line): \(field): \(message)".split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .joined(separator: "\\n")
    }
}
