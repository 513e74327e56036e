/// A page: kind 0 = fixed path (content or funnel page), 1 = search results
/// for query `arg`, 2 = product page of product number `arg`.
struct Page: Equatable {
    var kind: UInt8
    var arg: UInt32
}
