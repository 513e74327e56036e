/// Event types, as indices into `names`; `duplicate` and `end` are what a
/// `Chain` step can return besides a type.
enum Event {
    static let pageView = 0, search = 1, productView = 2, addToCart = 3
    static let removeFromCart = 4, checkoutStart = 5, purchase = 6, click = 7
    static let count = 8
    static let names = ["page_view", "search", "product_view", "add_to_cart", "remove_from_cart",
                        "checkout_start", "purchase", "click"]
    static let duplicate = 8   // chain result: repeat the previous row
    static let end = -1
}
