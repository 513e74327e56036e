import LBDomainKit

/// The 27 columns, in order: one row per event.
extension ClickstreamDomain {
    public static let columns: [ColumnSpec] = [
        ColumnSpec("event_id", .string, "UUID v4; a client retry repeats it"),
        ColumnSpec("event_timestamp", .timestampMicros, "client time: increases within a session (skewed clients are off by a constant)"),
        ColumnSpec("received_timestamp", .timestampMicros, "when the collector received the event; never decreases with the row (files in arrival order): a session's events arrive together when it ends, late uploads of app sessions minutes to hours later"),
        ColumnSpec("session_id", .string, "UUID v4 of the session"),
        ColumnSpec("user_id", .int64, nullable: true, "logged-in user; null for anonymous visitors and bots"),
        ColumnSpec("anonymous_id", .string, "cookie id (UUID) of the browser; stable per visitor"),
        ColumnSpec("event_type", .category, "page_view, search, product_view, add_to_cart, remove_from_cart, checkout_start, purchase, click"),
        ColumnSpec("sequence_in_session", .int32, "1, 2, … within the session (a retry repeats its number)"),
        ColumnSpec("page_url", .string, "full URL; the landing page carries the UTM parameters"),
        ColumnSpec("page_path", .string, "path of page_url"),
        ColumnSpec("referrer_url", .string, nullable: true, "external referrer on the first event (null for direct/email), then the previous page"),
        ColumnSpec("utm_source", .string, nullable: true, "campaign traffic only, first event of the session"),
        ColumnSpec("utm_medium", .string, nullable: true, "campaign traffic only, first event of the session"),
        ColumnSpec("utm_campaign", .string, nullable: true, "campaign traffic only, first event of the session"),
        ColumnSpec("device_type", .category, "mobile, desktop, tablet; stable per visitor"),
        ColumnSpec("os", .category, "stable per visitor"),
        ColumnSpec("browser", .category, "stable per visitor"),
        ColumnSpec("user_agent", .string, "matches device, os and browser; odd for bots"),
        ColumnSpec("ip_address", .string, "IPv4 in the visitor's country (data-centre ranges for bots)"),
        ColumnSpec("country", .category, "ISO 3166 alpha-2; stable per visitor"),
        ColumnSpec("screen_width", .int32, "pixels; 0 for scripted bots"),
        ColumnSpec("screen_height", .int32, "pixels; 0 for scripted bots"),
        ColumnSpec("search_query", .string, nullable: true, "search events only: common searches, and one-off long-tail ones (long_tail_query_rate)"),
        ColumnSpec("product_id", .string, nullable: true, "product_view, add_to_cart, remove_from_cart only"),
        ColumnSpec("revenue", .double, nullable: true, "purchase only: the cart's value"),
        ColumnSpec("time_since_prev_ms", .int64, "ms since the session's previous event; 0 on the first"),
        ColumnSpec("is_bot", .boolean, "ground truth: the session is automated"),
    ]
}
