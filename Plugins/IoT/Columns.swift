import LBDomainKit

/// The schema's columns by name, resolved once at open and checked against
/// their declared types; `fill` reaches each one through `batch[column.x]`.
struct Columns: Sendable {
    let readingID, eventTimestamp, ingestTimestamp, sequenceNumber: FixedColumnHandle<Int64>
    let deviceID, siteID: StringColumnHandle
    let sensorType, unit, firmwareVersion, status, qualityFlag: CategoryColumnHandle
    let value, latitude, longitude, batteryPct: FixedColumnHandle<Double>
    let rssiDbm: FixedColumnHandle<Int32>
    let isAnomaly: FixedColumnHandle<UInt8>

    init() throws {
        readingID = try IoTDomain.fixedColumn("reading_id")
        deviceID = try IoTDomain.stringColumn("device_id")
        siteID = try IoTDomain.stringColumn("site_id")
        sensorType = try IoTDomain.categoryColumn("sensor_type")
        eventTimestamp = try IoTDomain.fixedColumn("event_timestamp")
        ingestTimestamp = try IoTDomain.fixedColumn("ingest_timestamp")
        sequenceNumber = try IoTDomain.fixedColumn("sequence_number")
        value = try IoTDomain.fixedColumn("value")
        unit = try IoTDomain.categoryColumn("unit")
        latitude = try IoTDomain.fixedColumn("latitude")
        longitude = try IoTDomain.fixedColumn("longitude")
        batteryPct = try IoTDomain.fixedColumn("battery_pct")
        rssiDbm = try IoTDomain.fixedColumn("rssi_dbm")
        firmwareVersion = try IoTDomain.categoryColumn("firmware_version")
        status = try IoTDomain.categoryColumn("status")
        isAnomaly = try IoTDomain.fixedColumn("is_anomaly")
        qualityFlag = try IoTDomain.categoryColumn("quality_flag")
    }
}
