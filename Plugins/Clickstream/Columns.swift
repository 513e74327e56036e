import LBDomainKit

/// The schema's columns by name, resolved once at open and checked against
/// their declared types; `Writer` reaches each one through `batch[column.x]`.
struct Columns: Sendable {
    let eventID, sessionID, anonymousID, pageURL, pagePath, referrerURL: StringColumnHandle
    let utmSource, utmMedium, utmCampaign, userAgent, ipAddress, productID, searchQuery: StringColumnHandle
    let eventType, deviceType, os, browser, country: CategoryColumnHandle
    let eventTimestamp, receivedTimestamp, userID, timeSincePrevious: FixedColumnHandle<Int64>
    let sequenceInSession, screenWidth, screenHeight: FixedColumnHandle<Int32>
    let revenue: FixedColumnHandle<Double>
    let isBot: FixedColumnHandle<UInt8>

    init() throws {
        eventID = try ClickstreamDomain.stringColumn("event_id")
        eventTimestamp = try ClickstreamDomain.fixedColumn("event_timestamp")
        receivedTimestamp = try ClickstreamDomain.fixedColumn("received_timestamp")
        sessionID = try ClickstreamDomain.stringColumn("session_id")
        userID = try ClickstreamDomain.fixedColumn("user_id")
        anonymousID = try ClickstreamDomain.stringColumn("anonymous_id")
        eventType = try ClickstreamDomain.categoryColumn("event_type")
        sequenceInSession = try ClickstreamDomain.fixedColumn("sequence_in_session")
        pageURL = try ClickstreamDomain.stringColumn("page_url")
        pagePath = try ClickstreamDomain.stringColumn("page_path")
        referrerURL = try ClickstreamDomain.stringColumn("referrer_url")
        utmSource = try ClickstreamDomain.stringColumn("utm_source")
        utmMedium = try ClickstreamDomain.stringColumn("utm_medium")
        utmCampaign = try ClickstreamDomain.stringColumn("utm_campaign")
        deviceType = try ClickstreamDomain.categoryColumn("device_type")
        os = try ClickstreamDomain.categoryColumn("os")
        browser = try ClickstreamDomain.categoryColumn("browser")
        userAgent = try ClickstreamDomain.stringColumn("user_agent")
        ipAddress = try ClickstreamDomain.stringColumn("ip_address")
        country = try ClickstreamDomain.categoryColumn("country")
        screenWidth = try ClickstreamDomain.fixedColumn("screen_width")
        screenHeight = try ClickstreamDomain.fixedColumn("screen_height")
        searchQuery = try ClickstreamDomain.stringColumn("search_query")
        productID = try ClickstreamDomain.stringColumn("product_id")
        revenue = try ClickstreamDomain.fixedColumn("revenue")
        timeSincePrevious = try ClickstreamDomain.fixedColumn("time_since_prev_ms")
        isBot = try ClickstreamDomain.fixedColumn("is_bot")
    }
}
