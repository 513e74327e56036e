/// Bad command-line input: one line on stderr, exit status 2, nothing written.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
