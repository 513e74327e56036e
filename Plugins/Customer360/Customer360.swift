import LBDomainKit

/// Retail customer interactions: Lakebench's bronze contract
/// (spec/customer360.md). One instance is one run: parameters resolved,
/// distributions built; `fill` only reads it.
struct Customer360: Domain {
    static let name = "customer360"
    static let version = "1.0.0"
    static let summary = "Retail customer interactions with dirty data (Lakebench's bronze contract)"
    static let defaultPrefix = "customer/interactions"
    static var columns: [ColumnSpec] { Schema.columns }

    static let parameters: [ParameterSpec] = [
        ParameterSpec("payload_kb", default: "2", "KiB of random bytes per row, written as 2 × 1024 × payload_kb hex chars"),
        ParameterSpec("dirty_ratio", default: "0.08", "fraction of rows per file with a corrupted email, phone, city and state (each picked separately)"),
        ParameterSpec("duplicate_email_pct", default: "0.10", "fraction of emails marked .DUPLICATE"),
        ParameterSpec("customer_id_max", default: "500000", "customer ids are zipf draws mod (customer_id_max + 1)"),
        ParameterSpec("zipf_alpha", default: "1.5", "Zipf exponent of customer ids (> 1)"),
        ParameterSpec("amount_mu", default: "4.3", "mean of log(purchase amount)"),
        ParameterSpec("amount_sigma", default: "1.2", "standard deviation of log(purchase amount)"),
        ParameterSpec("timestamp_start", default: "2024-01-01", "first day of event timestamps (YYYY-MM-DD)"),
        ParameterSpec("timestamp_end", default: "2025-12-31", "day after the last event timestamp (exclusive)"),
        ParameterSpec("campaign_ratio", default: "0.4", "fraction of rows attributed to a campaign"),
        ParameterSpec("membership_ratio", default: "0.6", "fraction of customers in the loyalty programme"),
        ParameterSpec("interaction_weights", default: "purchase:0.18,browse:0.35,support:0.12,login:0.20,abandoned_cart:0.15", "interaction_type weights"),
        ParameterSpec("loyalty_tier_weights", default: "bronze:0.7,silver:0.2,gold:0.1", "loyalty tier weights among members"),
        ParameterSpec("data_source_weights", default: "primary_system:0.70,legacy_import:0.15,manual_entry:0.10,third_party_api:0.05", "data_source weights"),
        ParameterSpec("quality_flag_weights", default: "clean:0.92,duplicate_suspected:0.02,incomplete_data:0.03,format_inconsistent:0.03", "data_quality_flag weights"),
        ParameterSpec("channel_weights", default: "web:1,mobile_app:1,store:1,call_center:1,social_media:1", "channel weights (store and call_center have no device)"),
        ParameterSpec("currency_weights", default: "USD:1,EUR:1,GBP:1,CAD:1", "currency labels and weights"),
        ParameterSpec("email_domain_weights", default: "gmail.com:1,yahoo.com:1,outlook.com:1,icloud.com:1,hotmail.com:1", "email domains and weights"),
        ParameterSpec("product_category_weights", default: "electronics:1,clothing:1,home_garden:1,books:1,sports:1", "product_category labels and weights"),
        ParameterSpec("device_weights", default: "desktop:1,mobile:1,tablet:1", "device_type labels and weights (also the user agent's device)"),
        ParameterSpec("browser_weights", default: "chrome:1,safari:1,firefox:1,edge:1", "browser labels and weights (also the user agent's browser)"),
        ParameterSpec("os_weights", default: "Windows NT 10.0:1,macOS 14.0:1,Linux:1,iOS 17:1,Android 14:1", "user agent operating systems and weights (browsers × 40 versions × devices × systems: at most 65,536 user agents, 1 MiB in all)"),
        ParameterSpec("issue_category_weights", default: "billing:1,technical:1,general_inquiry:1", "issue_category labels and weights"),
        ParameterSpec("utm_source_weights", default: "google:1,facebook:1,email:1,direct:1", "utm_source labels and weights"),
        ParameterSpec("utm_medium_weights", default: "cpc:1,organic:1,referral:1", "utm_medium labels and weights"),
    ]

    let payloadBytes: Int
    let dirtyRatio: Double
    let duplicateEmailRatio: Double
    let customerModulus: UInt64
    let zipf: Zipf
    let amount: Normal
    let timestampStart: Int64
    let timestampSpan: UInt64
    let campaignRatio: Double
    let interactions: Categorical
    let tiers: Categorical
    let loyalty: Loyalty
    let dataSources: Categorical
    let qualityFlags: Categorical
    let channels: Categorical
    let currencies: Categorical
    let emailDomains: Categorical
    let productCategories: Categorical
    let devices: Categorical
    let browsers: Categorical
    let issueCategories: Categorical
    let utmSources: Categorical
    let utmMediums: Categorical
    let userAgents: UserAgents
    /// The schema's columns, resolved by name and type at open.
    let column: Columns

    init(parameters: Parameters, seed: UInt64) throws {
        let payloadKB = try parameters.double("payload_kb", in: 0...1024)
        payloadBytes = Int(payloadKB * 1024)
        dirtyRatio = try parameters.double("dirty_ratio", in: 0...1)
        duplicateEmailRatio = try parameters.double("duplicate_email_pct", in: 0...1)
        customerModulus = UInt64(try parameters.int("customer_id_max", in: 1...Int(Int32.max))) + 1
        let alpha = try parameters.double("zipf_alpha", in: 1.000001...100)
        zipf = Zipf(alpha: alpha)
        amount = Normal(
            mean: try parameters.double("amount_mu", in: -100...100),
            deviation: try parameters.double("amount_sigma", in: 0...100))
        let start = try parameters.date("timestamp_start")
        let end = try parameters.date("timestamp_end")
        guard start < end else {
            throw ParameterError("timestamp_end (\(try parameters.string("timestamp_end"))) must be after timestamp_start (\(try parameters.string("timestamp_start")))")
        }
        timestampStart = start.microsecondsSinceEpoch
        timestampSpan = UInt64(end.microsecondsSinceEpoch - start.microsecondsSinceEpoch)
        campaignRatio = try parameters.double("campaign_ratio", in: 0...1)
        let membershipRatio = try parameters.double("membership_ratio", in: 0...1)

        interactions = try Categorical(parameters, "interaction_weights", labels: Vocabulary.interactionTypes)
        tiers = try Categorical(parameters, "loyalty_tier_weights", labels: Vocabulary.loyaltyTiers)
        dataSources = try Categorical(parameters, "data_source_weights")
        qualityFlags = try Categorical(parameters, "quality_flag_weights")
        channels = try Categorical(parameters, "channel_weights", labels: Vocabulary.channels)
        currencies = try Categorical(parameters, "currency_weights")
        emailDomains = try Categorical(parameters, "email_domain_weights")
        productCategories = try Categorical(parameters, "product_category_weights")
        devices = try Categorical(parameters, "device_weights")
        browsers = try Categorical(parameters, "browser_weights")
        let operatingSystems = try Categorical(parameters, "os_weights")
        issueCategories = try Categorical(parameters, "issue_category_weights")
        utmSources = try Categorical(parameters, "utm_source_weights")
        utmMediums = try Categorical(parameters, "utm_medium_weights")
        userAgents = try UserAgents(browsers: browsers, devices: devices, operatingSystems: operatingSystems)
        loyalty = Loyalty(seed: seed, membershipRatio: membershipRatio, tiers: tiers, customers: customerModulus)
        column = try Columns()
    }
}
