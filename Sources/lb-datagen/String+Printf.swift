#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension String {
    /// C's printf formatting (`%.1f`, `%02d`, ...) for the numbers people
    /// read in summaries and previews.
    init(printf format: String, _ arguments: CVarArg...) {
        var capacity = 64
        while true {
            var buffer = [CChar](repeating: 0, count: capacity)
            let length = Int(withVaList(arguments) { vsnprintf(&buffer, capacity, format, $0) })
            precondition(length >= 0, "bad format \(format)")
            if length < capacity {
                self = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
                return
            }
            capacity = length + 1
        }
    }
}
