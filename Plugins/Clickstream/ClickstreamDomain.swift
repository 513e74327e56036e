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
// more early exit), or, for a human, before the pause that would take it past
// max_session_minutes. A session's length is therefore known by replaying
// only its chain (event types and pauses), a few nanoseconds an event.
//
// A batch starting at row g replays the type chains of the sessions before
// g in its block (at most B events), finds the session holding g, replays
// that session's first events without writing them, and then writes. Rows
// are thus a pure function of their global number, whatever the batch,
// file, worker or node split. Sessions may run across file boundaries, as a
// time-partitioned feed does.
//
// Time: row g is received at events_per_second; a diurnal profile bends that
// clock so nights are quiet. received_timestamp is that clock, so it never
// decreases with the row and files hold rows in arrival order. A client sends
// a session's events together when it ends: its last event happens just
// before the time of its first row, and its events before that with
// log-normal think times (capped below the 30-minute sessionization
// timeout; the span is known by replaying the chain), so timestamps increase
// within a session. A late_upload_ratio share of app sessions end earlier
// still, by 2 minutes to late_upload_max_hours.
// Client-retry duplicates repeat the previous row exactly (same event_id,
// timestamp and sequence_in_session). A few clients' clocks are skewed by a
// constant offset for the whole session.
//
// Visitors: which user or cookie a human session belongs to depends on its
// place in a visit window, so that no visitor has two sessions at once or
// too many a day (Windows.swift, VisitorPool.swift).

import LBDomainKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

public struct ClickstreamDomain: Domain {
    public static let name = "clickstream"
    public static let version = "3.0.0"
    public static let summary = "Web and app events: sessions walking a purchase funnel, Zipf pages and products, bots, retries and clock skew"
    public static let defaultPrefix = "clickstream/events"

    public static let parameters: [ParameterSpec] = [
        ParameterSpec("events_per_second", default: "500", "site traffic: rows per second of event time (time advances with row number)"),
        ParameterSpec("timestamp_start", default: "2024-01-01", "UTC day the stream starts"),
        ParameterSpec("diurnal_amplitude", default: "0.5", "0 = flat traffic; 0.5 = evening peak 3× the night low"),
        ParameterSpec("users", default: "30000000", "registered users (user_id 1…users); enough that each can log in at a human rate"),
        ParameterSpec("user_skew", default: "2.5", "activity skew: users form 6 tiers, each user_skew times bigger than the one before and half as active per user (1 = all alike)"),
        ParameterSpec("max_user_sessions_per_day", default: "6", "most sessions a visitor (user or cookie) has in any 24 hours; its sessions never overlap"),
        ParameterSpec("max_session_minutes", default: "30", "longest human session, first to last event"),
        ParameterSpec("known_user_ratio", default: "0.55", "share of human sessions that are logged in"),
        ParameterSpec("anonymous_visitors", default: "3000000", "anonymous browsers that return (beyond them, sessions are first visits)"),
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
        ParameterSpec("bot_ip_pool", default: "500", "data-centre addresses bots run from, a few busy ones reused across many sessions (0 = a new address every bot session)"),
        ParameterSpec("long_pause_rate", default: "0", "fault: chance that a pause inside a human session lasts 30-120 minutes (a 30-minute sessionization splits the session)"),
        ParameterSpec("malformed_url_rate", default: "0", "fault: share of events whose page_url is malformed (double slash, no scheme, upper case, raw space, truncated); page_path stays clean"),
        ParameterSpec("login_in_session_rate", default: "0", "fault: share of logged-in sessions that start anonymous and log in part-way (user_id null before the login)"),
        ParameterSpec("late_upload_ratio", default: "0.05", "share of mobile and tablet sessions uploaded late (app offline or in the background): received 2 minutes to late_upload_max_hours after they end"),
        ParameterSpec("late_upload_max_hours", default: "2", "longest delay of a late upload, hours (visit windows grow by as much)"),
        ParameterSpec("long_tail_query_rate", default: "0.15", "share of searches that are one-off long-tail queries (brand, attribute, a common search, a qualifier with a number), nearly all distinct"),
        ParameterSpec("multi_device_ratio", default: "0", "fault: share of users who also visit from a second device, with its own cookie, device, browser and screen (country stays)"),
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
    let maxSessionMs: Int64
    let botIPPool: UInt64
    let longPauseRate: Double
    let malformedURLRate: Double
    let loginInSessionRate: Double
    let multiDeviceRatio: Double
    let longTailQueryRate: Double
    let lateUploadRatio: Double
    let lateUploadLogMin: Double
    let lateUploadLogSpan: Double
    // Visit windows (Windows.swift), set once the chains can be replayed.
    private(set) var windowBlocks: UInt64 = 1
    private(set) var blockSessionCap: UInt64 = layoutBlock
    private(set) var knownSlots: UInt64 = 0
    private(set) var userPool: VisitorPool
    private(set) var anonymousPool: VisitorPool
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
    let queryEncoded: TextTable       // "?q=wireless+earbuds"
    let queryText: TextTable          // "wireless earbuds"
    let userAgents: TextTable         // profile × version variant × model
    let versionChoice = WeightedChoice(weights: versionWeights)
    let botUA: TextTable
    let countryNames: [String]       // the run's countries, by index
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
    /// The schema's columns, resolved by name and type at open.
    let column: Columns

    var cartPath: Int { contentPaths.count }
    var checkoutPath: Int { contentPaths.count + 1 }
    var confirmationPath: Int { contentPaths.count + 2 }
    var searchPath: Int { contentPaths.count + 3 }

    public init(parameters: Parameters, seed: UInt64) throws {
        column = try Columns()
        self.seed = seed
        sessionSalt = Hash.mix(seed, 0xC11C_5E55)
        eventsPerSecond = try parameters.double("events_per_second", in: 0.001...10_000_000)
        startMicros = try parameters.date("timestamp_start").microsecondsSinceEpoch
        let amplitude = try parameters.double("diurnal_amplitude", in: 0...0.95)
        let sessionsPerDay = try parameters.int("max_user_sessions_per_day", in: 1...48)
        longPauseRate = try parameters.double("long_pause_rate", in: 0...1)
        malformedURLRate = try parameters.double("malformed_url_rate", in: 0...1)
        loginInSessionRate = try parameters.double("login_in_session_rate", in: 0...1)
        multiDeviceRatio = try parameters.double("multi_device_ratio", in: 0...1)
        longTailQueryRate = try parameters.double("long_tail_query_rate", in: 0...1)
        lateUploadRatio = try parameters.double("late_upload_ratio", in: 0...1)
        let lateUploadHours = try parameters.double("late_upload_max_hours", in: 0.05...48)
        lateUploadLogMin = log(120_000_000.0)   // 2 minutes
        lateUploadLogSpan = max(0, log(lateUploadHours * 3_600_000_000) - lateUploadLogMin)
        botIPPool = UInt64(try parameters.int("bot_ip_pool", in: 0...1_000_000_000))
        // Long pauses lengthen sessions: room for one more pause of up to 2 hours.
        let maxSessionMinutes = try parameters.double("max_session_minutes", in: 1...1440) + (longPauseRate > 0 ? 120 : 0)
        maxSessionMs = Int64(maxSessionMinutes * 60_000)
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
        countryNames = countryTable.map(\.label)
        countryOctetTable = countryTable.map { countryOctets[$0.label] ?? Array(11...223) }
        botChoice = WeightedChoice(weights: botProfiles.map(\.weight))
        botCountryChoice = WeightedChoice(weights: botCountryWeights)
        organicChoice = WeightedChoice(weights: organicReferrerWeights)
        socialChoice = WeightedChoice(weights: socialWeights)

        hostPrefix = TextTable(["https://" + host])
        paths = TextTable(contentPaths + funnelPaths)
        queryEncoded = TextTable(searchQueries.map { "?q=" + String($0.map { $0 == " " ? "+" : $0 }) })
        queryText = TextTable(searchQueries)
        var agents: [String] = []
        for profile in profiles {
            for variant in 0..<versionVariants {
                for model in deviceModels {
                    var text = ""
                    var iterator = profile.template.makeIterator()
                    while let c = iterator.next() {
                        if c == "{", let key = iterator.next(), iterator.next() == "}" {
                            text += key == "M" ? model : versionValues[key]![variant]
                        } else {
                            text.append(c)
                        }
                    }
                    agents.append(text)
                }
            }
        }
        userAgents = TextTable(agents)
        botUA = TextTable(botProfiles.map(\.ua))
        maxURL = 8 + host.utf8.count + 64 + 80 + 200

        // Visit windows: each at least the longest session plus the longest
        // late upload plus both clocks' largest skew (quickStandard is within ±3.47σ) at peak traffic.
        let skewBound = skewRatio > 0 ? 3.47 * skewMicros / 1_000_000 : 0
        let windowSeconds = maxSessionMinutes * 60 + 2 * skewBound + 60 + (lateUploadRatio > 0 ? lateUploadHours * 3600 : 0)
        let peakRowsPerSecond = eventsPerSecond * 24 * (0..<24).map { cdf[$0 + 1] - cdf[$0] }.max()!
        let blocks = max(1, (windowSeconds * peakRowsPerSecond / Double(layoutBlock)).rounded(.up))
        windowBlocks = UInt64(min(blocks, 1e9))
        let shortestWindow = Double(windowBlocks * layoutBlock) / peakRowsPerSecond
        // A visitor is eligible once an epoch of 2 × period windows, so in any
        // 24 hours at most (24 h / epoch) + 1 times.
        let period = UInt64(max(1, (86_400 / (2 * shortestWindow * Double(max(1, sessionsPerDay - 1)))).rounded(.up)))
        userPool = VisitorPool(count: users, sizeRatio: userSkew, basePeriod: period, key: Hash.mix(seed, 0x05E8))
        anonymousPool = VisitorPool(count: anonymousVisitors, sizeRatio: 1, basePeriod: period, key: Hash.mix(seed, 0xA507))
        // Sessions a block holds: the most of the first four, with room to spare.
        let most = (0..<UInt64(4)).map { sessions(inBlock: $0) }.max()!
        blockSessionCap = min(layoutBlock, most + most / 4 + 32)
        let slots = windowBlocks * blockSessionCap
        knownSlots = UInt64((Double(slots) * knownUserRatio).rounded())
        guard userPool.eligiblePerWindow >= knownSlots else {
            let reference = VisitorPool(count: 1 << 40, sizeRatio: userSkew, basePeriod: period, key: 0)
            let needed = (Double(1 << 40) * Double(knownSlots) / Double(reference.eligiblePerWindow)).rounded(.up)
            throw ParameterError("parameter users: \(users) users are too few for this traffic at most \(sessionsPerDay) sessions a day each (every \(Int(shortestWindow / 60)) minutes \(knownSlots) logged-in sessions may start); raise users to \(UInt64(needed) + 1) or lower events_per_second or known_user_ratio")
        }
    }
}
