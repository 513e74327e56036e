import CLBDomain
import LBDomainKit

/// Corruption of a text column: on exactly floor(rows_in_file × share) rows
/// of each file, picked by a keyed bijection of the file's rows (so each
/// batch decides its own rows alone), one mode, uniformly, is applied.
struct Dirt {
    enum Step {
        case upper, lower
        /// The text on both sides.
        case pad([UInt8])
        /// The first occurrence of `from` becomes `to`.
        case replace(from: [UInt8], to: [UInt8])
        /// Everything from the last occurrence of the text on is dropped.
        case dropFromLast([UInt8])
        /// A whole value with variants becomes one of them, uniformly.
        case variants(keys: [[UInt8]], values: [[[UInt8]]])
        /// A fresh value (string columns only).
        case fresh(Template)
    }

    let share: Double
    let salt: UInt64
    let modes: [[Step]]
    /// Bytes a mode may add to a value (fresh values: their whole length).
    let growth: Int
    /// Category columns: per mode, per clean label, its dirty label indices.
    var labelMap: [[[UInt32]]] = []

    /// The file's dirty rows.
    func rows(_ batch: Batch) -> (permutation: IndexPermutation, count: UInt64) {
        let key = lb_stream_seed(lb_stream_seed(batch.seed, batch.fileID), salt)
        return (IndexPermutation(count: max(batch.rowsInFile, 1), key: key), UInt64((Double(batch.rowsInFile) * share).rounded(.down)))
    }

    /// Applies `mode` to the `n` bytes at `p` (with room for `growth` more); returns the new length.
    @inline(__always)
    func apply(_ mode: Int, to p: UnsafeMutablePointer<UInt8>, length n: Int, row: Int, views: UnsafePointer<ColumnView>, random: inout RandomStream) -> Int {
        var n = n
        for step in modes[mode] {
            n = Self.apply(step, to: p, length: n, row: row, views: views, random: &random)
        }
        return n
    }

    static func apply(_ step: Step, to p: UnsafeMutablePointer<UInt8>, length n: Int, row: Int, views: UnsafePointer<ColumnView>?, random: inout RandomStream) -> Int {
        switch step {
        case .upper:
            for i in 0..<n where p[i] >= 97 && p[i] <= 122 { p[i] -= 32 }
            return n
        case .lower:
            for i in 0..<n where p[i] >= 65 && p[i] <= 90 { p[i] += 32 }
            return n
        case .pad(let text):
            let k = text.count
            (p + k).update(from: p, count: n)  // overlapping: update moves like memmove
            for i in 0..<k { p[i] = text[i]; p[k + n + i] = text[i] }
            return n + 2 * k
        case .replace(let from, let to):
            guard let at = find(from, in: p, length: n, last: false) else { return n }
            let tail = n - at - from.count
            (p + at + to.count).update(from: p + at + from.count, count: tail)
            for i in 0..<to.count { p[at + i] = to[i] }
            return n - from.count + to.count
        case .dropFromLast(let text):
            return find(text, in: p, length: n, last: true) ?? n
        case .variants(let keys, let values):
            for (index, key) in keys.enumerated() where key.count == n && key.elementsEqual(UnsafeBufferPointer(start: p, count: n)) {
                let options = values[index]
                let choice = options[options.count == 1 ? 0 : Int(random.next(below: UInt64(options.count)))]
                for i in 0..<choice.count { p[i] = choice[i] }
                return choice.count
            }
            return n
        case .fresh(let template):
            return template.write(row, views!, &random, to: p)
        }
    }

    private static func find(_ needle: [UInt8], in p: UnsafeMutablePointer<UInt8>, length n: Int, last: Bool) -> Int? {
        guard !needle.isEmpty, needle.count <= n else { return nil }
        let span = n - needle.count
        for i in 0...span {
            let start = last ? span - i : i
            var match = true
            for j in 0..<needle.count where p[start + j] != needle[j] { match = false; break }
            if match { return start }
        }
        return nil
    }
}
