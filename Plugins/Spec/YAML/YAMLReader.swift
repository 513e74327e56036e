import CYAML

/// Reads one YAML document into `YAMLNode`s with libyaml's event parser
/// (YAML 1.1, the parser PyYAML and Yams also build on). Nothing else of a
/// YAML library is needed: spec files use only its nodes, so the plugin
/// needs no Foundation.
final class YAMLReader {
    private var parser = yaml_parser_t()
    private var anchors: [String: YAMLNode] = [:]
    /// Collections open around the node being read. Composing recurses, so
    /// a bound keeps a hostile file an error rather than a stack overflow
    /// (1000, the bound Yams's copy of libyaml had).
    private var depth = 0
    static let maximumDepth = 1000

    /// The document `text` holds; nil when it holds none (empty, or only
    /// comments). More than one document is an error.
    static func document(_ text: String) throws(YAMLError) -> YAMLNode? {
        var bytes = Array(text.utf8)
        // A byte-order mark (Windows editors write one) is no content; libyaml,
        // told the encoding, would read it as the first line's indentation.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let reader = YAMLReader()
        defer { yaml_parser_delete(&reader.parser) }
        return try bytes.withUnsafeMutableBufferPointer { (buffer) throws(YAMLError) -> YAMLNode? in
            yaml_parser_set_input_string(&reader.parser, buffer.baseAddress, buffer.count)
            return try reader.readStream()
        }
    }

    private init() {
        yaml_parser_initialize(&parser)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    }

    private func readStream() throws(YAMLError) -> YAMLNode? {
        _ = try next()  // stream start
        guard case .documentStart = try next() else { return nil }  // else the stream's end: no document
        let root = try node(from: next())
        _ = try next()  // document end
        let after = try next()
        if case .documentStart(let line) = after {
            throw YAMLError(line: line, problem: "a second document (a spec file holds one)")
        }
        return root
    }

    private func node(from event: Event) throws(YAMLError) -> YAMLNode {
        switch event {
        case .alias(let anchor, let line):
            guard let node = anchors[anchor] else { throw YAMLError(line: line, problem: "found undefined alias '\(anchor)'") }
            return node
        case .scalar(let text, let plain, let anchor, let line):
            return register(.scalar(text, plain: plain, line: line), anchor)
        case .sequenceStart(let anchor, let line):
            try enter(line)
            defer { depth -= 1 }
            var items: [YAMLNode] = []
            while true {
                let event = try next()
                if case .sequenceEnd = event { break }
                items.append(try node(from: event))
            }
            return register(.sequence(items, line: line), anchor)
        case .mappingStart(let anchor, let line):
            try enter(line)
            defer { depth -= 1 }
            var entries: [(key: YAMLNode, value: YAMLNode)] = []
            var names = Set<String>()
            while true {
                let event = try next()
                if case .mappingEnd = event { break }
                let key = try node(from: event)
                if case .scalar(let name, _, let keyLine) = key, !names.insert(name).inserted {
                    throw YAMLError(line: keyLine ?? line, problem: "key '\(name)' is given twice in one mapping")
                }
                entries.append((key, try node(from: next())))
            }
            return register(.mapping(entries, line: line), anchor)
        default:
            preconditionFailure("libyaml gave \(event) where a node starts")
        }
    }

    private func enter(_ line: Int) throws(YAMLError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw YAMLError(line: line, problem: "lists and mappings nested more than \(Self.maximumDepth) deep")
        }
    }

    private func register(_ node: YAMLNode, _ anchor: String?) -> YAMLNode {
        if let anchor { anchors[anchor] = node }
        return node
    }

    /// The parser's events, copied out of libyaml's structs.
    private enum Event {
        case streamStart, streamEnd, documentStart(line: Int), documentEnd
        case alias(anchor: String, line: Int)
        case scalar(String, plain: Bool, anchor: String?, line: Int)
        case sequenceStart(anchor: String?, line: Int), sequenceEnd
        case mappingStart(anchor: String?, line: Int), mappingEnd
    }

    private func next() throws(YAMLError) -> Event {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else {
            let problem = parser.problem.map { String(cString: $0) } ?? "unreadable"
            let line = parser.error == YAML_READER_ERROR ? 1 : Int(parser.problem_mark.line) + 1
            throw YAMLError(line: line, problem: problem)
        }
        defer { yaml_event_delete(&event) }
        let line = Int(event.start_mark.line) + 1
        func text(_ bytes: UnsafeMutablePointer<yaml_char_t>?, count: Int) -> String {
            guard let bytes else { return "" }
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
        func name(_ bytes: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            bytes.map { String(cString: $0) }
        }
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT: return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart(line: line)
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_ALIAS_EVENT: return .alias(anchor: name(event.data.alias.anchor) ?? "", line: line)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            return .scalar(text(scalar.value, count: scalar.length), plain: scalar.style == YAML_PLAIN_SCALAR_STYLE,
                           anchor: name(scalar.anchor), line: line)
        case YAML_SEQUENCE_START_EVENT: return .sequenceStart(anchor: name(event.data.sequence_start.anchor), line: line)
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT: return .mappingStart(anchor: name(event.data.mapping_start.anchor), line: line)
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        default: preconditionFailure("libyaml gave an event of unknown type \(event.type)")
        }
    }
}
