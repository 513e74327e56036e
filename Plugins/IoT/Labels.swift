import LBDomainKit

extension IoTDomain {
    /// Labels of the category columns, in the index order `fill` writes.
    public func labels(for column: String) throws -> [String] {
        switch column {
        case "sensor_type": SensorType.names
        case "unit": SensorType.units + ["F"]  // 5: legacy firmware's Fahrenheit
        case "firmware_version": firmwareNames
        case "status": statusNames
        case "quality_flag": qualityNames
        default: throw ParameterError("iot has no category column \(column)")
        }
    }
}
