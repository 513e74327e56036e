/// What the current row says; a duplicate repeats it unchanged.
struct EventState {
    var type = 0
    var sequence: Int32 = 0
    var idSeed: UInt64 = 0      // the event_id UUID is drawn from this
    var micros: Int64 = 0
    var sincePreviousMs: Int64 = 0
    var page = Page(kind: 0, arg: 0)
    var previousPage = Page(kind: 0, arg: 0)
    var hasPreviousPage = false
    var product: Int64 = -1     // product number, or -1
    var revenueCents: Int64 = -1
    var query: Int = -1        // index into searchQueries, -2 a long-tail search (page.arg), -1 none
}
