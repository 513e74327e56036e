/// A node of a YAML document, with the line it starts on (1-based; nil for
/// a node made from text rather than read from a file). Aliases are
/// already replaced by the node their anchor names.
indirect enum YAMLNode {
    /// `plain`: written without quotes or block style (only a plain
    /// scalar can mean null).
    case scalar(String, plain: Bool, line: Int?)
    case sequence([YAMLNode], line: Int?)
    /// Entries in the order they are written.
    case mapping([(key: YAMLNode, value: YAMLNode)], line: Int?)

    /// A plain scalar of `text`.
    init(_ text: String) {
        self = .scalar(text, plain: true, line: nil)
    }

    var line: Int? {
        switch self {
        case .scalar(_, _, let line), .sequence(_, let line), .mapping(_, let line): line
        }
    }
}
