/// Human funnel: row = from, columns = to (8 event types) and exit.
let humanTransitions: [[Double]] = [
    //  PV    SE    PR    AC    RC    CS    PU    CL    exit
    [0.24, 0.12, 0.30, 0.00, 0.00, 0.00, 0.00, 0.14, 0.20],  // page_view
    [0.08, 0.12, 0.58, 0.00, 0.00, 0.00, 0.00, 0.04, 0.18],  // search
    [0.16, 0.09, 0.24, 0.10, 0.00, 0.00, 0.00, 0.08, 0.33],  // product_view
    [0.08, 0.04, 0.26, 0.05, 0.06, 0.22, 0.00, 0.03, 0.26],  // add_to_cart
    [0.15, 0.05, 0.30, 0.05, 0.05, 0.12, 0.00, 0.03, 0.25],  // remove_from_cart
    [0.02, 0.00, 0.06, 0.00, 0.05, 0.02, 0.55, 0.02, 0.28],  // checkout_start
    [0.22, 0.05, 0.08, 0.00, 0.00, 0.00, 0.00, 0.05, 0.60],  // purchase
    [0.42, 0.06, 0.26, 0.02, 0.00, 0.00, 0.00, 0.04, 0.20],  // click
]
let humanStart = [0.78, 0.06, 0.16, 0, 0, 0, 0, 0]
/// Crawlers and scrapers: page and product views, the odd search, no carts.
let botNext = [0.45, 0.05, 0.50, 0, 0, 0, 0, 0]
let botStart = [0.60, 0.00, 0.40, 0, 0, 0, 0, 0]
/// Think-time multiplier by the type of the event that follows the pause.
let thinkFactor = [1.0, 1.5, 0.9, 0.8, 0.6, 0.7, 3.0, 0.35]
let cartCapacity = 16
