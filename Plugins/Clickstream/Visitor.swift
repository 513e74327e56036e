/// Who a human session belongs to.
enum Visitor {
    case user(rank: UInt64)         // a logged-in user: rank in the user pool
    case returning(rank: UInt64)    // an anonymous browser that comes back: rank in its pool
    case new                        // a first visit: a cookie never seen before
}
