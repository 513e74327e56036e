import LBDomainKit

/// Traffic sources, as indices into `names` (the labels of traffic_source_weights).
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

// Which search engine or social network sent a session: drawn from its referrerPick.
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
