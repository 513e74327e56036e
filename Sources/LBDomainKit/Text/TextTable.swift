/// A fixed list of byte strings (categories, misspellings, domains), laid out
/// once in one buffer that lives as long as the process, so writing one into
/// a column is a bounds-free memcpy.
public struct TextTable: @unchecked Sendable {
    @usableFromInline let storage: UnsafeMutablePointer<UInt8>
    @usableFromInline let starts: UnsafeMutablePointer<Int>  // count + 1 entries

    public let count: Int

    public init(_ strings: [String]) {
        let utf8 = strings.map { Array($0.utf8) }
        let total = utf8.reduce(0) { $0 + $1.count }
        storage = .allocate(capacity: max(total, 1))
        starts = .allocate(capacity: utf8.count + 1)
        count = utf8.count
        var offset = 0
        for (index, bytes) in utf8.enumerated() {
            starts[index] = offset
            bytes.withUnsafeBufferPointer { (storage + offset).update(from: $0.baseAddress!, count: $0.count) }
            offset += bytes.count
        }
        starts[utf8.count] = offset
    }

    @inlinable
    public func bytes(_ index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage + starts[index], count: starts[index + 1] - starts[index])
    }

    @inlinable
    public func length(_ index: Int) -> Int { starts[index + 1] - starts[index] }

    /// Writes entry `index` at `destination`; returns its length.
    @inlinable
    public func write(_ index: Int, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        TextEncoding.write(bytes(index), to: destination)
    }

    /// The index of `string`, if it is in the table.
    public func index(of string: String) -> Int? {
        let target = Array(string.utf8)
        for i in 0..<count where length(i) == target.count {
            if target.withUnsafeBytes({ $0.elementsEqual(bytes(i)) }) { return i }
        }
        return nil
    }
}
