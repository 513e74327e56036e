import LBDomainKit

/// The schema's columns by name, resolved once at open and checked against
/// their declared types; `fill` reaches each one through `batch[column.x]`.
struct Columns: Sendable {
    let id, rowID, eventTimestamp, customerID: FixedColumnHandle<Int64>
    let eventID, sessionID, emailRaw, phoneRaw: StringColumnHandle
    let interactionType, productCategory: CategoryColumnHandle
    let productID: StringColumnHandle
    let transactionAmount: FixedColumnHandle<Double>
    let currency, channel, deviceType, browser, cityRaw, stateRaw: CategoryColumnHandle
    let ipAddress, zipCode: StringColumnHandle
    let pageViews, timeOnSite, clickCount, itemsInCart, satisfactionScore: FixedColumnHandle<Int32>
    let bounceRate, cartValue: FixedColumnHandle<Double>
    let supportTicketID, campaignID: StringColumnHandle
    let issueCategory, utmSource, utmMedium: CategoryColumnHandle
    let loyaltyMember: FixedColumnHandle<Bool>
    let loyaltyTier: CategoryColumnHandle
    let pointsEarned, pointsRedeemed: FixedColumnHandle<Int32>
    let dataSource, dataQualityFlag, rawUserAgent: CategoryColumnHandle
    let sessionFingerprint, interactionPayload: StringColumnHandle

    init() throws {
        id = try Customer360.fixedColumn("id")
        rowID = try Customer360.fixedColumn("row_id")
        eventTimestamp = try Customer360.fixedColumn("event_timestamp")
        eventID = try Customer360.stringColumn("event_id")
        sessionID = try Customer360.stringColumn("session_id")
        customerID = try Customer360.fixedColumn("customer_id")
        emailRaw = try Customer360.stringColumn("email_raw")
        phoneRaw = try Customer360.stringColumn("phone_raw")
        interactionType = try Customer360.categoryColumn("interaction_type")
        productID = try Customer360.stringColumn("product_id")
        productCategory = try Customer360.categoryColumn("product_category")
        transactionAmount = try Customer360.fixedColumn("transaction_amount")
        currency = try Customer360.categoryColumn("currency")
        channel = try Customer360.categoryColumn("channel")
        deviceType = try Customer360.categoryColumn("device_type")
        browser = try Customer360.categoryColumn("browser")
        ipAddress = try Customer360.stringColumn("ip_address")
        cityRaw = try Customer360.categoryColumn("city_raw")
        stateRaw = try Customer360.categoryColumn("state_raw")
        zipCode = try Customer360.stringColumn("zip_code")
        pageViews = try Customer360.fixedColumn("page_views")
        timeOnSite = try Customer360.fixedColumn("time_on_site_seconds")
        bounceRate = try Customer360.fixedColumn("bounce_rate")
        clickCount = try Customer360.fixedColumn("click_count")
        cartValue = try Customer360.fixedColumn("cart_value")
        itemsInCart = try Customer360.fixedColumn("items_in_cart")
        supportTicketID = try Customer360.stringColumn("support_ticket_id")
        issueCategory = try Customer360.categoryColumn("issue_category")
        satisfactionScore = try Customer360.fixedColumn("satisfaction_score")
        campaignID = try Customer360.stringColumn("campaign_id")
        utmSource = try Customer360.categoryColumn("utm_source")
        utmMedium = try Customer360.categoryColumn("utm_medium")
        loyaltyMember = try Customer360.fixedColumn("loyalty_member")
        loyaltyTier = try Customer360.categoryColumn("loyalty_tier")
        pointsEarned = try Customer360.fixedColumn("points_earned")
        pointsRedeemed = try Customer360.fixedColumn("points_redeemed")
        dataSource = try Customer360.categoryColumn("data_source")
        dataQualityFlag = try Customer360.categoryColumn("data_quality_flag")
        rawUserAgent = try Customer360.categoryColumn("raw_user_agent")
        sessionFingerprint = try Customer360.stringColumn("session_fingerprint")
        interactionPayload = try Customer360.stringColumn("interaction_payload")
    }
}
