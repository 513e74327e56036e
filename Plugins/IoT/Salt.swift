// Salts separating independent hashes of one device or transmission.
enum Salt {
    static let device: UInt64 = 0x10_7D01
    static let loss: UInt64 = 0x10_7D02
    static let dup: UInt64 = 0x10_7D03
    static let reading: UInt64 = 0x10_7D04
    static let anomaly: UInt64 = 0x10_7D05
    static let grid: UInt64 = 0x10_7D06
    static let site: UInt64 = 0x10_7D07
    static let outage: UInt64 = 0x10_7D08
    static let reboot: UInt64 = 0x10_7D09
    static let clockFault: UInt64 = 0x10_7D0A
    static let churn: UInt64 = 0x10_7D0B
    static let rollout: UInt64 = 0x10_7D0C
    static let lifetime: UInt64 = 0x10_7D0D
    static let late: UInt64 = 0x10_7D0E
    static let outOfOrder: UInt64 = 0x10_7D0F
}
