// The `clickstream` domain: web and app events, grouped in sessions that walk
// a purchase funnel.
//
// How sessions are laid out, and why no batch needs another batch's state
// ------------------------------------------------------------------------
// The global row stream (row g = file_id × rows_per_file + row) is cut into
// layout blocks of B = 16,384 rows. Block b is filled with sessions
// k = 0, 1, 2, …, each one's rows contiguous; session (b, k) has the global
// index s = b × B + k and everything about it (bot or human, user, event
// types, pages, times, ids) derives from (run seed, s) alone. A session ends
// when its funnel walk exits, at max_session_events, or at the end of its
// block (the last session of a block is cut short there, which reads as one
// more early exit). A session's length is therefore known by replaying only
// its event-type chain, a few nanoseconds an event.
//
// A batch starting at row g replays the type chains of the sessions before
// g in its block (at most B events), finds the session holding g, replays
// that session's first events without writing them, and then writes. Rows
// are thus a pure function of their global number, whatever the batch,
// file, worker or node split. Sessions may run across file boundaries, as a
// time-partitioned feed does.
//
// Time: row g "arrives" at events_per_second; a diurnal profile bends that
// clock so nights are quiet. A session starts at the time of its first row;
// its events follow with log-normal think times (capped below the 30-minute
// sessionization timeout), so timestamps increase within a session.
// Client-retry duplicates repeat the previous row exactly (same event_id,
// timestamp and sequence_in_session). A few clients' clocks are skewed by a
// constant offset for the whole session.

import CLBDomain
import LBDomainKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

@_cdecl("lb_domain_register")
public func lbDomainRegister(_ registrar: UnsafeMutablePointer<lb_registrar>?) -> Int32 {
    DomainExport.register([ClickstreamDomain.self], with: registrar)
}

// MARK: - Event types and the funnel

enum Event {
    static let pageView = 0, search = 1, productView = 2, addToCart = 3
    static let removeFromCart = 4, checkoutStart = 5, purchase = 6, click = 7
    static let count = 8
    static let names = ["page_view", "search", "product_view", "add_to_cart", "remove_from_cart",
                        "checkout_start", "purchase", "click"]
    static let duplicate = 8   // chain result: repeat the previous row
    static let end = -1
}

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
let layoutBlock: UInt64 = 16_384

// MARK: - Static text

let contentPaths = [
    "/", "/c/electronics", "/deals", "/c/home-kitchen", "/c/clothing", "/new-arrivals", "/c/shoes",
    "/bestsellers", "/c/beauty", "/c/sports-outdoors", "/account", "/c/toys", "/wishlist", "/c/books",
    "/account/orders", "/c/pet-supplies", "/help", "/c/office", "/c/garden", "/help/shipping",
    "/c/grocery", "/help/returns", "/blog", "/stores", "/c/electronics/headphones", "/c/electronics/laptops",
    "/c/home-kitchen/coffee", "/c/clothing/women", "/c/clothing/men", "/c/shoes/running",
    "/blog/holiday-gift-guide", "/blog/best-budget-headphones", "/blog/how-to-choose-running-shoes",
    "/blog/home-office-setup", "/blog/spring-cleaning-checklist", "/blog/coffee-brewing-101",
    "/help/payment", "/help/contact", "/gift-cards", "/sustainability", "/careers", "/about",
    "/privacy", "/terms",
]
/// Fixed pages the funnel visits, appended after the content pages.
let funnelPaths = ["/cart", "/checkout", "/checkout/confirmation", "/search"]

let searchQueries = [
    "wireless earbuds", "running shoes", "air fryer", "phone case", "laptop", "usb c cable",
    "coffee maker", "yoga mat", "bluetooth speaker", "office chair", "backpack", "smart watch",
    "noise cancelling headphones", "water bottle", "gaming mouse", "winter jacket", "desk lamp",
    "mechanical keyboard", "robot vacuum", "standing desk", "sneakers", "hdmi cable", "tv",
    "portable charger", "electric toothbrush", "sunglasses", "monitor 27 inch", "webcam",
    "dog food", "kids toys", "wireles earbuds", "labtop", "face moisturizer", "led strip lights",
    "iphone 15 case", "external hard drive", "camping tent", "protein powder", "bed sheets queen",
    "kitchen knife set", "wifi router", "ring light", "hiking boots", "jeans men", "summer dress",
    "gift card", "sale", "instant pot", "throw blanket", "shampoo", "headphones", "ipad",
    "nike air max", "lego", "vitamin d", "cast iron skillet", "baby monitor", "tv wall mount",
]

enum Source {
    static let names = ["direct", "organic", "paid_search", "social", "email", "display", "referral"]
    static let direct = 0, organic = 1, paidSearch = 2, social = 3, email = 4, display = 5, referral = 6
}

/// External referrers, grouped by traffic source.
let organicReferrers = ["https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/", "https://search.yahoo.com/"]
let organicReferrerWeights = [0.82, 0.09, 0.06, 0.03]
let socialReferrers = ["https://www.facebook.com/", "https://l.instagram.com/", "https://t.co/", "https://www.tiktok.com/", "https://www.reddit.com/"]
let socialSources = ["facebook", "instagram", "twitter", "tiktok", "reddit"]
let socialWeights = [0.38, 0.27, 0.08, 0.17, 0.10]
let referralReferrers = ["https://www.nytimes.com/wirecutter/", "https://www.techradar.com/", "https://www.rtings.com/",
                         "https://www.slickdeals.net/", "https://www.retailmenot.com/", "https://news.ycombinator.com/"]
let displayReferrer = "https://googleads.g.doubleclick.net/"

let paidCampaigns = ["brand_search", "generic_electronics", "shoes_q2", "spring_sale_2024", "retargeting_cart", "pmax_all_products"]
let socialCampaigns = ["influencer_summer", "spring_sale_2024", "ugc_reels", "new_arrivals_carousel", "black_friday_teaser"]
let emailCampaigns = ["weekly_newsletter", "abandoned_cart_reminder", "black_friday", "welcome_series_2", "back_in_stock"]
let displayCampaigns = ["retargeting_q3", "prospecting_lookalike", "holiday_banner"]

/// Browser profiles: (device type, os, browser, user-agent template). In a
/// template {C} is a Chrome major version, {F} Firefox, {S} Safari, {I} an iOS
/// version with underscores, {A} an Android version, {B} Samsung Internet.
struct Profile {
    var device: Int
    var os: String
    var browser: String
    var template: String
    var weight: Double
}
let deviceNames = ["mobile", "desktop", "tablet"]
let profiles: [Profile] = [
    Profile(device: 1, os: "Windows", browser: "Chrome", template: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{C}.0.0.0 Safari/537.36", weight: 0.45),
    Profile(device: 1, os: "Windows", browser: "Edge", template: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{C}.0.0.0 Safari/537.36 Edg/{C}.0.0.0", weight: 0.15),
    Profile(device: 1, os: "Windows", browser: "Firefox", template: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{F}.0) Gecko/20100101 Firefox/{F}.0", weight: 0.07),
    Profile(device: 1, os: "macOS", browser: "Safari", template: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/{S} Safari/605.1.15", weight: 0.12),
    Profile(device: 1, os: "macOS", browser: "Chrome", template: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{C}.0.0.0 Safari/537.36", weight: 0.12),
    Profile(device: 1, os: "macOS", browser: "Firefox", template: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:{F}.0) Gecko/20100101 Firefox/{F}.0", weight: 0.02),
    Profile(device: 1, os: "Linux", browser: "Chrome", template: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{C}.0.0.0 Safari/537.36", weight: 0.02),
    Profile(device: 1, os: "Linux", browser: "Firefox", template: "Mozilla/5.0 (X11; Linux x86_64; rv:{F}.0) Gecko/20100101 Firefox/{F}.0", weight: 0.02),
    Profile(device: 1, os: "ChromeOS", browser: "Chrome", template: "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{C}.0.0.0 Safari/537.36", weight: 0.03),
    Profile(device: 0, os: "iOS", browser: "Safari", template: "Mozilla/5.0 (iPhone; CPU iPhone OS {I} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/{S} Mobile/15E148 Safari/604.1", weight: 0.40),
    Profile(device: 0, os: "iOS", browser: "Chrome", template: "Mozilla/5.0 (iPhone; CPU iPhone OS {I} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/{C}.0.0.0 Mobile/15E148 Safari/604.1", weight: 0.07),
    Profile(device: 0, os: "Android", browser: "Chrome", template: "Mozilla/5.0 (Linux; Android {A}; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{C}.0.0.0 Mobile Safari/537.36", weight: 0.42),
    Profile(device: 0, os: "Android", browser: "Samsung Internet", template: "Mozilla/5.0 (Linux; Android {A}; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/{B}.0 Chrome/{C}.0.0.0 Mobile Safari/537.36", weight: 0.09),
    Profile(device: 0, os: "Android", browser: "Firefox", template: "Mozilla/5.0 (Android {A}; Mobile; rv:{F}.0) Gecko/{F}.0 Firefox/{F}.0", weight: 0.02),
    Profile(device: 2, os: "iPadOS", browser: "Safari", template: "Mozilla/5.0 (iPad; CPU OS {I} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/{S} Mobile/15E148 Safari/604.1", weight: 0.62),
    Profile(device: 2, os: "Android", browser: "Chrome", template: "Mozilla/5.0 (Linux; Android {A}; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{C}.0.0.0 Safari/537.36", weight: 0.38),
]
let versionVariants = 4
let versionValues: [Character: [String]] = [
    "C": ["120", "121", "122", "123"], "F": ["121", "122", "123", "124"], "S": ["17.2", "17.3", "17.4", "17.4.1"],
    "I": ["17_2", "17_3_1", "17_4", "17_4_1"], "A": ["13", "14", "14", "15"], "B": ["23", "24", "24", "25"],
]
let screens: [[(Int32, Int32, Double)]] = [
    [(390, 844, 0.20), (393, 873, 0.15), (414, 896, 0.12), (375, 667, 0.10), (412, 915, 0.18), (360, 800, 0.15), (430, 932, 0.10)],
    [(1920, 1080, 0.35), (1366, 768, 0.12), (1536, 864, 0.10), (1440, 900, 0.08), (2560, 1440, 0.10), (1280, 720, 0.05),
     (1680, 1050, 0.05), (3840, 2160, 0.05), (1600, 900, 0.10)],
    [(810, 1080, 0.30), (820, 1180, 0.25), (768, 1024, 0.20), (800, 1280, 0.25)],
]

/// Bots: user agent, browser, os, screen. Declared crawlers, scripts, and
/// headless or stale browsers; all desktop, all from data-centre ranges.
let botProfiles: [(ua: String, browser: String, os: String, width: Int32, height: Int32, weight: Double)] = [
    ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Other", "Other", 0, 0, 0.22),
    ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "Other", "Other", 0, 0, 0.10),
    ("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "Other", "Other", 0, 0, 0.08),
    ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/122.0.0.0 Safari/537.36", "HeadlessChrome", "Linux", 800, 600, 0.20),
    ("python-requests/2.31.0", "Other", "Other", 0, 0, 0.12),
    ("curl/8.5.0", "Other", "Other", 0, 0, 0.05),
    ("Scrapy/2.11.0 (+https://scrapy.org)", "Other", "Other", 0, 0, 0.08),
    ("Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/74.0.3729.169 Safari/537.36", "Chrome", "Windows", 1024, 768, 0.15),
]
let botCountries = ["US", "DE", "IE", "NL", "SG", "FR"]
let botCountryWeights = [0.5, 0.15, 0.1, 0.1, 0.1, 0.05]
let cloudOctets: [UInt8] = [3, 13, 18, 34, 35, 52, 54, 104, 138, 143, 157, 159, 167]

/// First octets of consumer address space, by country (plausible, not a geo-IP database).
let countryOctets: [String: [UInt8]] = [
    "US": [23, 24, 50, 64, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 96, 97, 98, 99, 107, 108, 173, 174],
    "GB": [2, 5, 31, 51, 62, 81, 86, 90, 92, 109],
    "DE": [46, 62, 77, 78, 79, 80, 84, 87, 91, 93],
    "FR": [2, 37, 78, 80, 82, 83, 86, 90, 92],
    "IN": [1, 14, 27, 49, 59, 103, 106, 117, 122],
    "BR": [177, 179, 186, 187, 189, 191, 200, 201],
    "CA": [24, 47, 64, 70, 99, 142, 184],
    "JP": [1, 14, 27, 36, 42, 49, 60, 61, 106, 110, 114, 126],
    "AU": [1, 14, 27, 49, 58, 101, 110, 120, 121],
    "MX": [177, 187, 189, 200, 201],
    "ES": [2, 5, 31, 37, 77, 79, 80, 81, 83, 84, 88],
    "NL": [31, 37, 62, 77, 80, 82, 83, 84, 85, 86, 94],
    "IT": [2, 5, 31, 37, 79, 80, 82, 87, 93, 95],
    "SE": [2, 5, 31, 46, 78, 81, 83, 85, 90],
    "PL": [5, 31, 37, 46, 77, 78, 79, 83, 89, 91],
]

// MARK: - Page descriptors

/// A page: kind 0 = fixed path (content or funnel page), 1 = search results
/// for query `arg`, 2 = product page of product number `arg`.
struct Page: Equatable {
    var kind: UInt8
    var arg: UInt32
}

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
    var query: Int = -1
}

/// The event-type walk of one session: the only thing needed to know its
/// length, so it is kept apart from every other draw.
struct Chain {
    var random: RandomStream
    let isBot: Bool
    let exitScale: Double
    let limit: Int
    var type = -1
    var cart = 0
    var rows = 0
    var lastWasDuplicate = false

    init(sessionKey: UInt64, botRatio: Double, engagementSigma: Double, limit: Int) {
        random = RandomStream(seed: Hash.mix(sessionKey, 1))
        isBot = random.unit() < botRatio
        exitScale = exp(engagementSigma * Normal.quickStandard(random.next()))
        self.limit = limit
    }

    /// The next row: an event type, `Event.duplicate`, or `Event.end`.
    @inline(__always)
    mutating func next(_ domain: ClickstreamDomain) -> Int {
        if rows >= limit { return Event.end }
        if rows == 0 {
            type = isBot ? domain.botStartChoice.pick(&random) : domain.humanStartChoice.pick(&random)
            rows = 1
            return type
        }
        if !lastWasDuplicate && random.unit() < domain.duplicateRate {
            lastWasDuplicate = true
            rows += 1
            return Event.duplicate
        }
        lastWasDuplicate = false
        var next: Int
        if isBot {
            if random.unit() < domain.botExit { return Event.end }
            next = domain.botNextChoice.pick(&random)
        } else {
            if random.unit() < min(0.95, domain.exitProbability[type] * exitScale) { return Event.end }
            next = domain.humanNextChoice[type].pick(&random)
            switch next {
            case Event.addToCart where cart >= cartCapacity: next = Event.productView
            case Event.removeFromCart where cart == 0, Event.checkoutStart where cart == 0: next = Event.productView
            default: break
            }
            switch next {
            case Event.addToCart: cart += 1
            case Event.removeFromCart: cart -= 1
            case Event.purchase: cart = 0
            default: break
            }
        }
        type = next
        rows += 1
        return next
    }
}

public struct ClickstreamDomain: Domain {
    public static let name = "clickstream"
    public static let version = "1.0.0"
    public static let summary = "Web and app events: sessions walking a purchase funnel, Zipf pages and products, bots, retries and clock skew"
    public static let defaultPrefix = "clickstream/events"

    public static let columns: [ColumnSpec] = [
        ColumnSpec("event_id", .string, "UUID v4; a client retry repeats it"),
        ColumnSpec("event_timestamp", .timestampMicros, "client time: increases within a session (skewed clients are off by a constant)"),
        ColumnSpec("session_id", .string, "UUID v4 of the session"),
        ColumnSpec("user_id", .int64, nullable: true, "logged-in user; null for anonymous visitors and bots"),
        ColumnSpec("anonymous_id", .string, "cookie id (UUID) of the browser; stable per visitor"),
        ColumnSpec("event_type", .string, "page_view, search, product_view, add_to_cart, remove_from_cart, checkout_start, purchase, click"),
        ColumnSpec("sequence_in_session", .int32, "1, 2, … within the session (a retry repeats its number)"),
        ColumnSpec("page_url", .string, "full URL; the landing page carries the UTM parameters"),
        ColumnSpec("page_path", .string, "path of page_url"),
        ColumnSpec("referrer_url", .string, nullable: true, "external referrer on the first event (null for direct/email), then the previous page"),
        ColumnSpec("utm_source", .string, nullable: true, "campaign traffic only, first event of the session"),
        ColumnSpec("utm_medium", .string, nullable: true, "campaign traffic only, first event of the session"),
        ColumnSpec("utm_campaign", .string, nullable: true, "campaign traffic only, first event of the session"),
        ColumnSpec("device_type", .string, "mobile, desktop, tablet; stable per visitor"),
        ColumnSpec("os", .string, "stable per visitor"),
        ColumnSpec("browser", .string, "stable per visitor"),
        ColumnSpec("user_agent", .string, "matches device, os and browser; odd for bots"),
        ColumnSpec("ip_address", .string, "IPv4 in the visitor's country (data-centre ranges for bots)"),
        ColumnSpec("country", .string, "ISO 3166 alpha-2; stable per visitor"),
        ColumnSpec("screen_width", .int32, "pixels; 0 for scripted bots"),
        ColumnSpec("screen_height", .int32, "pixels; 0 for scripted bots"),
        ColumnSpec("search_query", .string, nullable: true, "search events only"),
        ColumnSpec("product_id", .string, nullable: true, "product_view, add_to_cart, remove_from_cart only"),
        ColumnSpec("revenue", .double, nullable: true, "purchase only: the cart's value"),
        ColumnSpec("time_since_prev_ms", .int64, "ms since the session's previous event; 0 on the first"),
        ColumnSpec("is_bot", .boolean, "ground truth: the session is automated"),
    ]

    public static let parameters: [ParameterSpec] = [
        ParameterSpec("events_per_second", default: "500", "site traffic: rows per second of event time (time advances with row number)"),
        ParameterSpec("timestamp_start", default: "2024-01-01", "UTC day the stream starts"),
        ParameterSpec("diurnal_amplitude", default: "0.5", "0 = flat traffic; 0.5 = evening peak 3× the night low"),
        ParameterSpec("users", default: "1000000", "registered users (user_id 1…users)"),
        ParameterSpec("user_skew", default: "2.5", "activity skew of users: id rank = users × u^skew (1 = uniform)"),
        ParameterSpec("known_user_ratio", default: "0.55", "share of human sessions that are logged in"),
        ParameterSpec("anonymous_visitors", default: "3000000", "distinct anonymous browsers (they return)"),
        ParameterSpec("products", default: "20000", "catalogue size"),
        ParameterSpec("product_zipf_alpha", default: "0.9", "Zipf exponent of product popularity over the catalogue (bounded, > 0)"),
        ParameterSpec("page_zipf_alpha", default: "1.0", "Zipf exponent of content-page popularity"),
        ParameterSpec("bot_ratio", default: "0.015", "share of sessions that are bots"),
        ParameterSpec("bot_mean_events", default: "80", "mean events of a bot session"),
        ParameterSpec("duplicate_rate", default: "0.005", "chance that an event is re-sent by the client (exact duplicate row)"),
        ParameterSpec("clock_skew_ratio", default: "0.03", "share of sessions whose client clock is off"),
        ParameterSpec("clock_skew_seconds", default: "45", "standard deviation of a skewed clock's offset, seconds"),
        ParameterSpec("think_time_median_ms", default: "6000", "median pause between a human's events"),
        ParameterSpec("think_time_sigma", default: "1.1", "log-normal sigma of think times"),
        ParameterSpec("engagement_sigma", default: "0.6", "spread of per-session engagement (longer tail of session lengths)"),
        ParameterSpec("max_session_events", default: "500", "hard cap on a session's rows"),
        ParameterSpec("site_host", default: "shop.example.com", "host name in page URLs"),
        ParameterSpec("traffic_source_weights", default: "direct:0.28,organic:0.30,paid_search:0.14,social:0.12,email:0.08,display:0.04,referral:0.04", "how human sessions arrive"),
        ParameterSpec("device_weights", default: "mobile:0.58,desktop:0.36,tablet:0.06", "visitors' device types"),
        ParameterSpec("country_weights", default: "US:0.34,GB:0.08,DE:0.07,FR:0.05,IN:0.09,BR:0.06,CA:0.05,JP:0.04,AU:0.03,MX:0.04,ES:0.04,NL:0.03,IT:0.04,SE:0.02,PL:0.02", "visitors' countries (any ISO codes)"),
    ]

    // Run-wide, read-only state.
    let seed: UInt64
    let sessionSalt: UInt64
    let eventsPerSecond: Double
    let startMicros: Int64
    let hourCDF: [Double]       // 25 entries
    let users: UInt64
    let userSkew: Double
    let userPermutation: IndexPermutation
    let knownUserRatio: Double
    let anonymousVisitors: UInt64
    let products: UInt64
    let productZipf: BoundedZipf
    let productPermutation: IndexPermutation
    let productDigits: Int
    let botRatio: Double
    let botExit: Double
    let duplicateRate: Double
    let skewRatio: Double
    let skewMicros: Double
    let thinkMu: Double
    let thinkSigma: Double
    let engagementSigma: Double
    let maxSessionEvents: Int

    let exitProbability: [Double]
    let humanNextChoice: [WeightedChoice]
    let humanStartChoice: WeightedChoice
    let botStartChoice: WeightedChoice
    let botNextChoice: WeightedChoice
    let pageChoice: WeightedChoice
    let queryChoice: WeightedChoice
    let sourceChoice: WeightedChoice
    let sourceIndex: [Int]          // traffic_source_weights order → Source
    let deviceChoice: WeightedChoice
    let deviceIndex: [Int]          // device_weights order → deviceNames
    let profileChoice: [WeightedChoice]     // per device
    let profileIndex: [[Int]]
    let screenChoice: [WeightedChoice]
    let countryChoice: WeightedChoice
    let countryOctetTable: [[UInt8]]
    let botChoice: WeightedChoice
    let botCountryChoice: WeightedChoice
    let organicChoice: WeightedChoice
    let socialChoice: WeightedChoice

    // Text tables.
    let hostPrefix: TextTable         // "https://<host>"
    let paths: TextTable              // content paths, then funnel paths
    let queryText: TextTable
    let queryEncoded: TextTable       // "?q=wireless+earbuds"
    let eventNames = TextTable(Event.names)
    let deviceText = TextTable(deviceNames)
    let profileOS: TextTable
    let profileBrowser: TextTable
    let userAgents: TextTable         // profile × variant
    let botUA: TextTable
    let botBrowser: TextTable
    let botOS: TextTable
    let countries: TextTable
    let botCountryText: TextTable
    let organicText = TextTable(organicReferrers)
    let socialText = TextTable(socialReferrers)
    let socialSourceText = TextTable(socialSources)
    let referralText = TextTable(referralReferrers)
    let fixedText = TextTable([displayReferrer, "google", "bing", "cpc", "social", "newsletter", "email", "google_display", "display"])
    let paidCampaignText = TextTable(paidCampaigns)
    let socialCampaignText = TextTable(socialCampaigns)
    let emailCampaignText = TextTable(emailCampaigns)
    let displayCampaignText = TextTable(displayCampaigns)
    let maxURL: Int

    var cartPath: Int { contentPaths.count }
    var checkoutPath: Int { contentPaths.count + 1 }
    var confirmationPath: Int { contentPaths.count + 2 }
    var searchPath: Int { contentPaths.count + 3 }

    public init(parameters: Parameters, seed: UInt64) throws {
        self.seed = seed
        sessionSalt = Hash.mix(seed, 0xC11C_5E55)
        eventsPerSecond = try parameters.double("events_per_second", in: 0.001...10_000_000)
        startMicros = try parameters.date("timestamp_start").microsecondsSinceEpoch
        let amplitude = try parameters.double("diurnal_amplitude", in: 0...0.95)
        users = UInt64(try parameters.int("users", in: 1...1_000_000_000_000))
        userSkew = try parameters.double("user_skew", in: 1...20)
        knownUserRatio = try parameters.double("known_user_ratio", in: 0...1)
        anonymousVisitors = UInt64(try parameters.int("anonymous_visitors", in: 1...1_000_000_000_000))
        products = UInt64(try parameters.int("products", in: 1...1_000_000_000))
        let productAlpha = try parameters.double("product_zipf_alpha", in: 0.01...10)
        let pageAlpha = try parameters.double("page_zipf_alpha", in: 0...10)
        botRatio = try parameters.double("bot_ratio", in: 0...1)
        let botMean = try parameters.double("bot_mean_events", in: 1...100_000)
        duplicateRate = try parameters.double("duplicate_rate", in: 0...0.5)
        skewRatio = try parameters.double("clock_skew_ratio", in: 0...1)
        skewMicros = try parameters.double("clock_skew_seconds", in: 0...86_400) * 1_000_000
        let thinkMedian = try parameters.double("think_time_median_ms", in: 1...600_000)
        thinkSigma = try parameters.double("think_time_sigma", in: 0...4)
        engagementSigma = try parameters.double("engagement_sigma", in: 0...3)
        maxSessionEvents = try parameters.int("max_session_events", in: 1...Int(layoutBlock))
        let host = try parameters.string("site_host")
        guard !host.isEmpty, host.utf8.count <= 200, host.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != 47 }) else {
            throw ParameterError("parameter site_host: expected a host name, got '\(host)'")
        }
        let sources = try parameters.weights("traffic_source_weights", labels: Source.names)
        let devices = try parameters.weights("device_weights", labels: deviceNames)
        let countryTable = try parameters.weights("country_weights")
        for entry in countryTable where entry.label.utf8.count > 16 {
            throw ParameterError("parameter country_weights: '\(entry.label)' is not a country code")
        }

        thinkMu = log(thinkMedian)
        botExit = 1 / botMean

        var cdf = [0.0]
        let hourWeights = (0..<24).map { 1 + amplitude * cos(2 * Double.pi * (Double($0) + 0.5 - 20) / 24) }
        let totalWeight = hourWeights.reduce(0, +)
        for weight in hourWeights { cdf.append(cdf.last! + weight / totalWeight) }
        cdf[24] = 1
        hourCDF = cdf

        userPermutation = IndexPermutation(count: users, key: Hash.mix(seed, 0x05E7))
        productZipf = BoundedZipf(count: products, exponent: productAlpha)
        productPermutation = IndexPermutation(count: products, key: Hash.mix(seed, 0x9D0C))
        productDigits = max(6, String(products - 1).count)

        exitProbability = humanTransitions.map { $0[Event.count] }
        humanNextChoice = humanTransitions.map { WeightedChoice(weights: Array($0[0..<Event.count])) }
        humanStartChoice = WeightedChoice(weights: humanStart)
        botStartChoice = WeightedChoice(weights: botStart)
        botNextChoice = WeightedChoice(weights: botNext)
        pageChoice = WeightedChoice(weights: (0..<contentPaths.count).map { pow(Double($0 + 1), -pageAlpha) })
        queryChoice = WeightedChoice(weights: (0..<searchQueries.count).map { pow(Double($0 + 1), -0.9) })
        sourceChoice = WeightedChoice(weights: sources.map(\.weight))
        sourceIndex = sources.map { Source.names.firstIndex(of: $0.label)! }
        deviceChoice = WeightedChoice(weights: devices.map(\.weight))
        deviceIndex = devices.map { deviceNames.firstIndex(of: $0.label)! }
        var choices: [WeightedChoice] = []
        var indices: [[Int]] = []
        for device in 0..<deviceNames.count {
            let members = profiles.indices.filter { profiles[$0].device == device }
            choices.append(WeightedChoice(weights: members.map { profiles[$0].weight }))
            indices.append(members)
        }
        profileChoice = choices
        profileIndex = indices
        screenChoice = screens.map { WeightedChoice(weights: $0.map(\.2)) }
        countryChoice = WeightedChoice(weights: countryTable.map(\.weight))
        countries = TextTable(countryTable.map(\.label))
        countryOctetTable = countryTable.map { countryOctets[$0.label] ?? Array(11...223) }
        botChoice = WeightedChoice(weights: botProfiles.map(\.weight))
        botCountryChoice = WeightedChoice(weights: botCountryWeights)
        organicChoice = WeightedChoice(weights: organicReferrerWeights)
        socialChoice = WeightedChoice(weights: socialWeights)

        hostPrefix = TextTable(["https://" + host])
        paths = TextTable(contentPaths + funnelPaths)
        queryText = TextTable(searchQueries)
        queryEncoded = TextTable(searchQueries.map { "?q=" + String($0.map { $0 == " " ? "+" : $0 }) })
        profileOS = TextTable(profiles.map(\.os))
        profileBrowser = TextTable(profiles.map(\.browser))
        var agents: [String] = []
        for profile in profiles {
            for variant in 0..<versionVariants {
                var text = ""
                var iterator = profile.template.makeIterator()
                while let c = iterator.next() {
                    if c == "{", let key = iterator.next(), iterator.next() == "}" {
                        text += versionValues[key]![variant]
                    } else {
                        text.append(c)
                    }
                }
                agents.append(text)
            }
        }
        userAgents = TextTable(agents)
        botUA = TextTable(botProfiles.map(\.ua))
        botBrowser = TextTable(botProfiles.map(\.browser))
        botOS = TextTable(botProfiles.map(\.os))
        botCountryText = TextTable(botCountries)
        maxURL = 8 + host.utf8.count + 64 + 40 + 200
    }

    // MARK: - Layout and time

    @inline(__always)
    func sessionKey(_ index: UInt64) -> UInt64 { Hash.mix(sessionSalt, index) }

    /// Rows of session `index` when at most `limit` fit: replays its type chain.
    func sessionLength(_ index: UInt64, limit: Int) -> Int {
        var chain = Chain(sessionKey: sessionKey(index), botRatio: botRatio, engagementSigma: engagementSigma,
                          limit: min(limit, maxSessionEvents))
        while chain.next(self) != Event.end {}
        return chain.rows
    }

    /// Event time of global row `row`, µs: the arrival clock bent by the diurnal profile.
    func rowMicros(_ row: UInt64) -> Int64 {
        let seconds = Double(row) / eventsPerSecond
        let day = (seconds / 86_400).rounded(.down)
        let fraction = seconds / 86_400 - day
        var hour = 0
        while hour < 23 && hourCDF[hour + 1] <= fraction { hour += 1 }
        let within = (fraction - hourCDF[hour]) / (hourCDF[hour + 1] - hourCDF[hour])
        let secondOfDay = (Double(hour) + min(1, max(0, within))) * 3600
        return startMicros + Int64((day * 86_400 + secondOfDay) * 1_000_000)
    }

    // MARK: - Fill

    public func fill(_ batch: Batch) throws {
        let firstGlobal = batch.fileID &* batch.rowsPerFile &+ batch.firstRow
        var writer = Writer(batch)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: cartCapacity) { buffer in
            let cart = buffer.baseAddress!
            // Find the session holding the first row.
            var block = firstGlobal / layoutBlock
            let offset = Int(firstGlobal % layoutBlock)
            var position = 0      // session's first row within the block
            var k: UInt64 = 0
            var length = sessionLength(block * layoutBlock, limit: Int(layoutBlock))
            while position + length <= offset {
                position += length
                k += 1
                length = sessionLength(block * layoutBlock + k, limit: Int(layoutBlock) - position)
            }
            var session = Session(self, index: block * layoutBlock + k, firstRow: block * layoutBlock + UInt64(position),
                                  limit: Int(layoutBlock) - position, cart: cart)
            for _ in 0..<(offset - position) { _ = session.advance(self) }

            var row = 0
            while row < batch.rowCount {
                if !session.advance(self) {
                    // Next session: in this block, or the first of the next one.
                    position += session.rows
                    if position >= Int(layoutBlock) {
                        block += 1
                        position = 0
                        k = 0
                    } else {
                        k += 1
                    }
                    session = Session(self, index: block * layoutBlock + k, firstRow: block * layoutBlock + UInt64(position),
                                      limit: Int(layoutBlock) - position, cart: cart)
                    continue
                }
                writer.write(self, session)
                row += 1
            }
        }
    }
}

// MARK: - One session

struct Session {
    var chain: Chain
    var random: RandomStream        // pages, products, times, ids
    let key: UInt64
    let cart: UnsafeMutablePointer<UInt64>   // product number << 32 | price in cents
    var cartCount = 0
    var current = EventState()
    var rows: Int { chain.rows }

    // Session-wide attributes.
    let isBot: Bool
    let userID: Int64               // 0 = anonymous
    let visitorKey: UInt64
    let profile: Int                // index into profiles, or bot profile
    let variant: Int
    let device: Int
    let screenWidth: Int32
    let screenHeight: Int32
    let country: Int                // index into the run's countries, or bot countries
    let ip: (UInt8, UInt8, UInt8, UInt8)
    let source: Int
    let campaignPick: Int
    let referrerPick: Int
    let sessionID: UInt64           // UUID seeds
    let anonymousID: UInt64
    var clockMicros: Int64

    init(_ domain: ClickstreamDomain, index: UInt64, firstRow: UInt64, limit: Int, cart: UnsafeMutablePointer<UInt64>) {
        key = domain.sessionKey(index)
        chain = Chain(sessionKey: key, botRatio: domain.botRatio, engagementSigma: domain.engagementSigma,
                      limit: min(limit, domain.maxSessionEvents))
        random = RandomStream(seed: Hash.mix(key, 3))
        self.cart = cart
        isBot = chain.isBot
        var plan = RandomStream(seed: Hash.mix(key, 2))
        sessionID = plan.next()
        var start = domain.rowMicros(firstRow) + Int64(plan.next(below: 1_000_000))
        if plan.unit() < domain.skewRatio {
            start += Int64(domain.skewMicros * Normal.quickStandard(plan.next()))
        }
        clockMicros = start
        if isBot {
            userID = 0
            visitorKey = 0
            profile = domain.botChoice.pick(&plan)
            variant = 0
            device = 1
            screenWidth = botProfiles[profile].width
            screenHeight = botProfiles[profile].height
            country = domain.botCountryChoice.pick(&plan)
            ip = (cloudOctets[Int(plan.next(below: UInt64(cloudOctets.count)))], UInt8(plan.next(below: 256)),
                  UInt8(plan.next(below: 256)), UInt8(1 + plan.next(below: 254)))
            anonymousID = plan.next()   // bots drop cookies: a new id every session
            source = Source.direct
        } else {
            // Who: a logged-in user (skewed activity) or a returning anonymous browser.
            if plan.unit() < domain.knownUserRatio {
                let rank = min(domain.users - 1, UInt64(Double(domain.users) * pow(plan.unit(), domain.userSkew)))
                let user = domain.userPermutation(rank) + 1
                userID = Int64(user)
                visitorKey = user
            } else {
                userID = 0
                visitorKey = (1 << 62) | plan.next(below: domain.anonymousVisitors)
            }
            // The visitor's own attributes: from (run seed, visitor) alone.
            var visitor = RandomStream(entity: visitorKey, seed: domain.seed, salt: 0x7151_7012)
            anonymousID = visitor.next()
            device = domain.deviceIndex[domain.deviceChoice.pick(&visitor)]
            profile = domain.profileIndex[device][domain.profileChoice[device].pick(&visitor)]
            variant = Int(visitor.next(below: UInt64(versionVariants)))
            let screen = screens[device][domain.screenChoice[device].pick(&visitor)]
            screenWidth = screen.0
            screenHeight = screen.1
            country = domain.countryChoice.pick(&visitor)
            let octets = domain.countryOctetTable[country]
            let first = octets[Int(visitor.next(below: UInt64(octets.count)))]
            let second = UInt8(visitor.next(below: 256))
            ip = (first, second, UInt8(plan.next(below: 256)), UInt8(1 + plan.next(below: 254)))
            source = domain.sourceIndex[domain.sourceChoice.pick(&plan)]
        }
        campaignPick = Int(plan.next() >> 33)
        referrerPick = Int(plan.next() >> 33)
    }

    /// Computes the session's next row into `current`; false when the session is over.
    @inline(__always)
    mutating func advance(_ domain: ClickstreamDomain) -> Bool {
        let next = chain.next(domain)
        if next == Event.end { return false }
        if next == Event.duplicate { return true }   // the client re-sent the same event

        let first = current.sequence == 0
        current.sequence += 1
        current.idSeed = random.next()
        if first {
            current.sincePreviousMs = 0
        } else {
            var pause: Double
            if isBot {
                pause = 40 + 600 * random.unit() * random.unit()
            } else {
                pause = exp(domain.thinkMu + domain.thinkSigma * Normal.quickStandard(random.next())) * thinkFactor[next]
                pause = min(pause, 29 * 60 * 1000)    // below the 30-minute session timeout
            }
            let ms = max(1, Int64(pause))
            current.sincePreviousMs = ms
            clockMicros += ms * 1000
        }
        current.micros = clockMicros
        current.previousPage = current.page
        current.hasPreviousPage = !first
        current.type = next
        current.product = -1
        current.revenueCents = -1
        current.query = -1

        switch next {
        case Event.pageView:
            current.page = Page(kind: 0, arg: UInt32(domain.pageChoice.pick(&random)))
        case Event.search:
            let query = domain.queryChoice.pick(&random)
            current.query = query
            current.page = Page(kind: 1, arg: UInt32(query))
        case Event.productView:
            let product = domain.productPermutation(domain.productZipf.draw(&random) - 1)
            current.product = Int64(product)
            current.page = Page(kind: 2, arg: UInt32(truncatingIfNeeded: product))
        case Event.addToCart:
            // The product on screen, or (after a cart or checkout page) a popular one.
            var product: UInt64
            if current.previousPage.kind == 2 && current.hasPreviousPage {
                product = UInt64(current.previousPage.arg)
            } else {
                product = domain.productPermutation(domain.productZipf.draw(&random) - 1)
            }
            current.product = Int64(product)
            current.page = Page(kind: 2, arg: UInt32(truncatingIfNeeded: product))
            var price = RandomStream(seed: Hash.mix(domain.seed ^ 0x9_21CE, product))
            let cents = UInt64(min(250_000, max(199, (exp(3.3 + 0.9 * Normal.quickStandard(price.next())) * 100).rounded())))
            cart[cartCount] = product << 32 | cents
            cartCount += 1
        case Event.removeFromCart:
            let slot = Int(random.next(below: UInt64(cartCount)))
            current.product = Int64(cart[slot] >> 32)
            cartCount -= 1
            cart[slot] = cart[cartCount]
            current.page = Page(kind: 0, arg: UInt32(domain.cartPath))
        case Event.checkoutStart:
            current.page = Page(kind: 0, arg: UInt32(domain.checkoutPath))
        case Event.purchase:
            var total: Int64 = 0
            for i in 0..<cartCount { total += Int64(cart[i] & 0xffff_ffff) }
            current.revenueCents = total
            cartCount = 0
            current.page = Page(kind: 0, arg: UInt32(domain.confirmationPath))
        default:   // click: an element of the page already shown
            if first { current.page = Page(kind: 0, arg: 0) }
        }
        return true
    }
}

// MARK: - Writing rows

struct Writer {
    var eventID, sessionID, anonymousID, eventType, pageURL, pagePath, referrer: StringColumn
    var utmSource, utmMedium, utmCampaign, deviceType, os, browser, userAgent, ip, country: StringColumn
    var searchQuery, productID: StringColumn
    let timestamp: FixedColumn<Int64>
    let userID: FixedColumn<Int64>
    let sequence: FixedColumn<Int32>
    let screenWidth: FixedColumn<Int32>
    let screenHeight: FixedColumn<Int32>
    let revenue: FixedColumn<Double>
    let sincePrevious: FixedColumn<Int64>
    let isBot: FixedColumn<UInt8>
    var row = 0

    init(_ batch: Batch) {
        eventID = batch.string(0)
        timestamp = batch.fixed(1)
        sessionID = batch.string(2)
        userID = batch.fixed(3)
        anonymousID = batch.string(4)
        eventType = batch.string(5)
        sequence = batch.fixed(6)
        pageURL = batch.string(7)
        pagePath = batch.string(8)
        referrer = batch.string(9)
        utmSource = batch.string(10)
        utmMedium = batch.string(11)
        utmCampaign = batch.string(12)
        deviceType = batch.string(13)
        os = batch.string(14)
        browser = batch.string(15)
        userAgent = batch.string(16)
        ip = batch.string(17)
        country = batch.string(18)
        screenWidth = batch.fixed(19)
        screenHeight = batch.fixed(20)
        searchQuery = batch.string(21)
        productID = batch.string(22)
        revenue = batch.fixed(23)
        sincePrevious = batch.fixed(24)
        isBot = batch.fixed(25)
    }

    @inline(__always)
    static func uuid(_ seed: UInt64, _ column: inout StringColumn) {
        column.append(maxLength: 36) { p in
            var r = RandomStream(seed: seed)
            TextEncoding.writeUUID(to: p, random: &r)
            return 36
        }
    }

    /// Writes a page's path (and, with `query`, its search query string) at `p`.
    @inline(__always)
    static func writePath(_ domain: ClickstreamDomain, _ page: Page, query: Bool, to p: UnsafeMutablePointer<UInt8>) -> Int {
        switch page.kind {
        case 1:
            var n = TextEncoding.write(domain.paths.bytes(domain.searchPath), to: p)
            if query { n += TextEncoding.write(domain.queryEncoded.bytes(Int(page.arg)), to: p + n) }
            return n
        case 2:
            p[0] = 0x2f; p[1] = 0x70; p[2] = 0x2f; p[3] = 0x50   // "/p/P"
            TextEncoding.writeDecimal(UInt64(page.arg), digits: domain.productDigits, to: p + 4)
            return 4 + domain.productDigits
        default:
            return TextEncoding.write(domain.paths.bytes(Int(page.arg)), to: p)
        }
    }

    @inline(__always)
    static func writeURL(_ domain: ClickstreamDomain, _ page: Page, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let n = TextEncoding.write(domain.hostPrefix.bytes(0), to: p)
        return n + writePath(domain, page, query: true, to: p + n)
    }

    @inline(__always)
    static func put(_ text: String, _ p: UnsafeMutablePointer<UInt8>) -> Int {
        var n = 0
        for byte in text.utf8 { p[n] = byte; n += 1 }
        return n
    }

    mutating func write(_ domain: ClickstreamDomain, _ session: Session) {
        let e = session.current
        let first = e.sequence == 1
        Writer.uuid(e.idSeed, &eventID)
        timestamp[row] = e.micros
        Writer.uuid(session.sessionID, &sessionID)
        if session.userID > 0 {
            userID[row] = session.userID
        } else {
            userID[row] = 0
            userID.setNull(row)
        }
        Writer.uuid(session.anonymousID, &anonymousID)
        eventType.append(domain.eventNames, e.type)
        sequence[row] = e.sequence

        // UTM: campaign traffic, first event only.
        var utm: (source: UnsafeRawBufferPointer, medium: UnsafeRawBufferPointer, campaign: UnsafeRawBufferPointer)? = nil
        if first && !session.isBot {
            switch session.source {
            case Source.paidSearch:
                utm = (domain.fixedText.bytes(session.referrerPick % 10 < 8 ? 1 : 2), domain.fixedText.bytes(3),
                       domain.paidCampaignText.bytes(session.campaignPick % paidCampaigns.count))
            case Source.social:
                utm = (domain.socialSourceText.bytes(domain.socialCampaignIndex(session)), domain.fixedText.bytes(4),
                       domain.socialCampaignText.bytes(session.campaignPick % socialCampaigns.count))
            case Source.email:
                utm = (domain.fixedText.bytes(5), domain.fixedText.bytes(6),
                       domain.emailCampaignText.bytes(session.campaignPick % emailCampaigns.count))
            case Source.display:
                utm = (domain.fixedText.bytes(7), domain.fixedText.bytes(8),
                       domain.displayCampaignText.bytes(session.campaignPick % displayCampaigns.count))
            default:
                break
            }
        }

        pageURL.append(maxLength: domain.maxURL) { p in
            var n = Writer.writeURL(domain, e.page, to: p)
            if let utm {
                p[n] = e.page.kind == 1 ? 0x26 : 0x3f   // "&" after "?q=", else "?"
                n += 1
                n += Writer.put("utm_source=", p + n)
                n += TextEncoding.write(utm.source, to: p + n)
                n += Writer.put("&utm_medium=", p + n)
                n += TextEncoding.write(utm.medium, to: p + n)
                n += Writer.put("&utm_campaign=", p + n)
                n += TextEncoding.write(utm.campaign, to: p + n)
            }
            return n
        }
        pagePath.append(maxLength: domain.maxURL) { p in Writer.writePath(domain, e.page, query: false, to: p) }

        // Referrer: the previous page, or where the session came from.
        if !first {
            referrer.append(maxLength: domain.maxURL) { p in Writer.writeURL(domain, e.previousPage, to: p) }
        } else if session.isBot {
            referrer.appendNull()
        } else {
            switch session.source {
            case Source.organic:
                referrer.append(domain.organicText, domain.organicIndex(session))
            case Source.paidSearch:
                referrer.append(domain.organicText, session.referrerPick % 10 < 8 ? 0 : 1)
            case Source.social:
                referrer.append(domain.socialText, domain.socialCampaignIndex(session))
            case Source.display:
                referrer.append(domain.fixedText, 0)
            case Source.referral:
                referrer.append(domain.referralText, session.referrerPick % referralReferrers.count)
            default:   // direct, email
                referrer.appendNull()
            }
        }
        if let utm {
            utmSource.append(utm.source)
            utmMedium.append(utm.medium)
            utmCampaign.append(utm.campaign)
        } else {
            utmSource.appendNull()
            utmMedium.appendNull()
            utmCampaign.appendNull()
        }

        if session.isBot {
            deviceType.append(domain.deviceText, 1)
            os.append(domain.botOS, session.profile)
            browser.append(domain.botBrowser, session.profile)
            userAgent.append(domain.botUA, session.profile)
        } else {
            deviceType.append(domain.deviceText, session.device)
            os.append(domain.profileOS, session.profile)
            browser.append(domain.profileBrowser, session.profile)
            userAgent.append(domain.userAgents, session.profile * versionVariants + session.variant)
        }
        ip.append(maxLength: 15) { p in
            var n = TextEncoding.writeDecimal(UInt64(session.ip.0), to: p)
            p[n] = 0x2e; n += 1
            n += TextEncoding.writeDecimal(UInt64(session.ip.1), to: p + n)
            p[n] = 0x2e; n += 1
            n += TextEncoding.writeDecimal(UInt64(session.ip.2), to: p + n)
            p[n] = 0x2e; n += 1
            n += TextEncoding.writeDecimal(UInt64(session.ip.3), to: p + n)
            return n
        }
        if session.isBot {
            country.append(domain.botCountryText, session.country)
        } else {
            country.append(domain.countries, session.country)
        }
        screenWidth[row] = session.screenWidth
        screenHeight[row] = session.screenHeight

        if e.query >= 0 {
            searchQuery.append(domain.queryText, e.query)
        } else {
            searchQuery.appendNull()
        }
        if e.product >= 0 {
            let digits = domain.productDigits
            productID.append(maxLength: 1 + digits) { p in
                p[0] = 0x50   // "P"
                TextEncoding.writeDecimal(UInt64(e.product), digits: digits, to: p + 1)
                return 1 + digits
            }
        } else {
            productID.appendNull()
        }
        if e.revenueCents >= 0 {
            revenue[row] = Double(e.revenueCents) / 100
        } else {
            revenue[row] = 0
            revenue.setNull(row)
        }
        sincePrevious[row] = e.sincePreviousMs
        isBot[row] = session.isBot ? 1 : 0
        row += 1
    }
}

extension ClickstreamDomain {
    @inline(__always)
    func organicIndex(_ session: Session) -> Int {
        var r = RandomStream(seed: UInt64(session.referrerPick))
        return organicChoice.pick(&r)
    }

    @inline(__always)
    func socialCampaignIndex(_ session: Session) -> Int {
        var r = RandomStream(seed: UInt64(session.referrerPick) ^ 0x50C1A1)
        return socialChoice.pick(&r)
    }
}

/// Zipf ranks 1…count with any exponent > 0 (the kit's `Zipf` is unbounded
/// and needs alpha > 1): rejection-inversion (Hörmann and Derflinger 1996),
/// about one try per draw, no tables.
struct BoundedZipf: Sendable {
    let count: Double
    let exponent: Double
    let hIntegralX1: Double
    let hIntegralN: Double
    let s: Double

    init(count: UInt64, exponent: Double) {
        self.count = Double(count)
        self.exponent = exponent
        hIntegralX1 = BoundedZipf.hIntegral(1.5, exponent) - 1
        hIntegralN = BoundedZipf.hIntegral(Double(count) + 0.5, exponent)
        s = 2 - BoundedZipf.hIntegralInverse(BoundedZipf.hIntegral(2.5, exponent) - BoundedZipf.h(2, exponent), exponent)
    }

    @inline(__always)
    static func helper1(_ x: Double) -> Double { abs(x) > 1e-8 ? log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x)) }
    @inline(__always)
    static func helper2(_ x: Double) -> Double { abs(x) > 1e-8 ? expm1(x) / x : 1 + x * 0.5 * (1 + x * (1.0 / 3) * (1 + 0.25 * x)) }
    @inline(__always)
    static func h(_ x: Double, _ e: Double) -> Double { exp(-e * log(x)) }
    @inline(__always)
    static func hIntegral(_ x: Double, _ e: Double) -> Double {
        let logX = log(x)
        return helper2((1 - e) * logX) * logX
    }
    @inline(__always)
    static func hIntegralInverse(_ x: Double, _ e: Double) -> Double {
        var t = x * (1 - e)
        if t < -1 { t = -1 }
        return exp(helper1(t) * x)
    }

    @inline(__always)
    func draw(_ random: inout RandomStream) -> UInt64 {
        while true {
            let u = hIntegralN + random.unit() * (hIntegralX1 - hIntegralN)
            let x = BoundedZipf.hIntegralInverse(u, exponent)
            var k = (x + 0.5).rounded(.down)
            if k < 1 { k = 1 } else if k > count { k = count }
            if k - x <= s || u >= BoundedZipf.hIntegral(k + 0.5, exponent) - BoundedZipf.h(k, exponent) {
                return UInt64(k)
            }
        }
    }
}
