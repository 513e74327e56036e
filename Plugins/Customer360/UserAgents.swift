import CLBDomain
import LBDomainKit

/// Every `<browser>/<version>.0 (<device>; <os>)` the run can write, made
/// once at open: raw_user_agent is a category column over them, so a row
/// stores the index of its combination instead of building the text.
struct UserAgents {
    /// Versions 90 ... 129.
    static let firstVersion = 90, versions = 40

    let names: [String]
    private let deviceCount: Int
    private let osCount: Int

    init(browsers: Categorical, devices: Categorical, operatingSystems: Categorical) throws {
        deviceCount = devices.names.count
        osCount = operatingSystems.names.count
        let count = browsers.names.count * Self.versions * deviceCount * osCount
        guard count <= Int(LB_CATEGORY_MAX_LABELS) else {
            throw ParameterError("browser_weights, device_weights and os_weights make \(count) user agents, more than \(LB_CATEGORY_MAX_LABELS) (\(Self.versions) versions each)")
        }
        var names: [String] = []
        names.reserveCapacity(count)
        for browser in browsers.names {
            for version in Self.firstVersion..<(Self.firstVersion + Self.versions) {
                for device in devices.names {
                    for os in operatingSystems.names { names.append("\(browser)/\(version).0 (\(device); \(os))") }
                }
            }
        }
        let bytes = names.reduce(0) { $0 + $1.utf8.count }
        guard bytes <= Int(LB_CATEGORY_MAX_BYTES) else {
            throw ParameterError("browser_weights, device_weights and os_weights make user agents of \(bytes) bytes in all, more than \(LB_CATEGORY_MAX_BYTES)")
        }
        self.names = names
    }

    /// The label index of a combination (`version` counts from 0).
    @inline(__always)
    func index(browser: Int, version: Int, device: Int, os: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: ((browser &* Self.versions &+ version) &* deviceCount &+ device) &* osCount &+ os)
    }
}
