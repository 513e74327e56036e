/// Text that is not one well-formed YAML document: where and why.
struct YAMLError: Error {
    let line: Int
    let problem: String
}
