/// What a Parquet file's footer says about it, read back: its row count and
/// key-value metadata. Used to check that a file under a final name is
/// whole and is the one a run would make.
public struct ParquetFooter: Sendable, Equatable {
    public var rows: Int64
    public var rowGroups: Int
    public var keyValueMetadata: [String: String]

    /// Bytes at the end of a file that hold the footer's length and the magic.
    public static let trailerBytes = 8
    static let magic: [UInt8] = Array("PAR1".utf8)

    /// Why bytes are not a whole Parquet file.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// The footer's length from the file's last 8 bytes, or why they are not
    /// a Parquet trailer.
    public static func footerLength(trailer: [UInt8], fileSize: Int) throws -> Int {
        guard fileSize >= 12 else { throw Problem("\(fileSize) bytes: too short for a Parquet file") }
        guard trailer.count == trailerBytes, trailer[4...].elementsEqual(Self.magic) else {
            throw Problem("no Parquet footer (the file does not end in PAR1)")
        }
        let length = trailer[0..<4].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard length > 0, length <= fileSize - 12 else {
            throw Problem("a footer length of \(length) bytes does not fit a \(fileSize)-byte file")
        }
        return length
    }

    /// Parses the footer's thrift (FileMetaData).
    public init(footer: [UInt8]) throws {
        var reader = CompactReader(footer)
        var rows: Int64?
        var rowGroups = 0
        var metadata: [String: String] = [:]
        do {
            var previous: Int16 = 0
            while let field = try reader.fieldHeader(previous: &previous) {
                switch (field.id, field.type) {
                case (3, 6):
                    rows = try reader.zigzag()
                case (4, 9):
                    let (element, count) = try reader.listHeader()
                    rowGroups = count
                    for _ in 0..<count { try reader.skip(element) }
                case (5, 9):
                    let (_, count) = try reader.listHeader()
                    for _ in 0..<count {
                        var key: String?, value: String?
                        var inner: Int16 = 0
                        while let kv = try reader.fieldHeader(previous: &inner) {
                            switch (kv.id, kv.type) {
                            case (1, 8): key = String(decoding: try reader.binary(), as: UTF8.self)
                            case (2, 8): value = String(decoding: try reader.binary(), as: UTF8.self)
                            default: try reader.skip(kv.type)
                            }
                        }
                        if let key { metadata[key] = value ?? "" }
                    }
                default:
                    try reader.skip(field.type)
                }
            }
        } catch is CompactReader.Malformed {
            throw Problem("the footer is not valid Parquet metadata")
        }
        guard let rows, rows >= 0 else { throw Problem("the footer has no row count") }
        self.rows = rows
        self.rowGroups = rowGroups
        keyValueMetadata = metadata
    }
}
