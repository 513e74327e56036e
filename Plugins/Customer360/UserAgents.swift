import CLBDomain
import LBDomainKit

/// Every `<browser>/<version>.0 (<device>; <os>)` the run can write, made
/// once at open: raw_user_agent is a category column over them, so a row
/// stores the index of its combination instead of building the text.
struct UserAgents {
    /// Versions 90 ... 129.
    static let firstVersion = 90, versions = 40

    let names: [String]
    /// Draws a combination with the product of its parts' weights (the
    /// version uniform): one draw instead of four.
    private let choice: AliasTable

    init(browsers: Categorical, devices: Categorical, operatingSystems: Categorical) throws {
        let count = browsers.names.count * Self.versions * devices.names.count * operatingSystems.names.count
        guard count <= Int(LB_CATEGORY_MAX_LABELS) else {
            throw ParameterError("browser_weights, device_weights and os_weights make \(count) user agents, more than \(LB_CATEGORY_MAX_LABELS) (\(Self.versions) versions each)")
        }
        var names: [String] = []
        var probabilities: [Double] = []
        names.reserveCapacity(count)
        probabilities.reserveCapacity(count)
        for (browser, pBrowser) in zip(browsers.names, browsers.choice.probabilities) {
            for version in Self.firstVersion..<(Self.firstVersion + Self.versions) {
                for (device, pDevice) in zip(devices.names, devices.choice.probabilities) {
                    for (os, pOS) in zip(operatingSystems.names, operatingSystems.choice.probabilities) {
                        names.append("\(browser)/\(version).0 (\(device); \(os))")
                        probabilities.append(pBrowser * pDevice * pOS / Double(Self.versions))
                    }
                }
            }
        }
        let bytes = names.reduce(0) { $0 + $1.utf8.count }
        guard bytes <= Int(LB_CATEGORY_MAX_BYTES) else {
            throw ParameterError("browser_weights, device_weights and os_weights make user agents of \(bytes) bytes in all, more than \(LB_CATEGORY_MAX_BYTES)")
        }
        self.names = names
        choice = AliasTable(probabilities: probabilities)
    }

    /// A user agent's label index.
    @inline(__always)
    func pick(_ random: inout RandomStream) -> UInt32 {
        UInt32(truncatingIfNeeded: choice.index(random.next()))
    }
}
