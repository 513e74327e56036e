import LBDomainKit

extension Customer360 {
    /// Labels of the category columns: the weighted tables' labels, the
    /// city and state spellings (clean ones first, then the dirty ones), and
    /// every user agent.
    func labels(for column: String) throws -> [String] {
        switch column {
        case "interaction_type": interactions.names
        case "product_category": productCategories.names
        case "currency": currencies.names
        case "channel": channels.names
        case "device_type": devices.names
        case "browser": browsers.names
        case "city_raw": Vocabulary.cities
        case "state_raw": Vocabulary.states
        case "issue_category": issueCategories.names
        case "utm_source": utmSources.names
        case "utm_medium": utmMediums.names
        case "loyalty_tier": tiers.names
        case "data_source": dataSources.names
        case "data_quality_flag": qualityFlags.names
        case "raw_user_agent": userAgents.names
        default: throw ParameterError("customer360 has no category column \(column)")
        }
    }
}
