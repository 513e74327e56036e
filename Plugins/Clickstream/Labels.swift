import LBDomainKit

extension ClickstreamDomain {
    /// Labels of the category columns, in the index order `Writer` uses:
    /// people's profiles and countries first, then the bots'.
    public func labels(for column: String) throws -> [String] {
        switch column {
        case "event_type": Event.names
        case "device_type": deviceNames
        case "os": profiles.map(\.os) + botProfiles.map(\.os)
        case "browser": profiles.map(\.browser) + botProfiles.map(\.browser)
        case "country": countryNames + botCountries
        default: throw ParameterError("clickstream has no category column \(column)")
        }
    }
}
