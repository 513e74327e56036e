/// Which boolean values a chunk holds: enough for min/max (false < true).
struct BooleanRange {
    var hasFalse = false
    var hasTrue = false
}
