import LBDomainKit

/// The 17 columns of a reading, in order.
extension IoTDomain {
    public static let columns: [ColumnSpec] = [
        ColumnSpec("reading_id", .int64, "global row number: file_id × rows_per_file + row"),
        ColumnSpec("device_id", .string, "dev-NNNNNN"),
        ColumnSpec("site_id", .string, "site-NNNN, fixed per device"),
        ColumnSpec("sensor_type", .category, "temperature, humidity, pressure, vibration, power; fixed per device"),
        ColumnSpec("event_timestamp", .timestampMicros, "when the device sampled (device clock)"),
        ColumnSpec("ingest_timestamp", .timestampMicros, "when the gateway received the row; never decreases with reading_id (files in arrival order): event time + seconds, minutes for out-of-order packets, hours for late ones"),
        ColumnSpec("sequence_number", .int64, "per-device packet counter: monotonic, gaps for lost packets, repeated by re-sends"),
        ColumnSpec("value", .double, nullable: true, "reading in `unit`; null during dropouts"),
        ColumnSpec("unit", .category, "C, F (legacy firmware temperature), %, hPa, mm/s, kW"),
        ColumnSpec("latitude", .double, "device position plus GPS jitter"),
        ColumnSpec("longitude", .double, "device position plus GPS jitter"),
        ColumnSpec("battery_pct", .double, nullable: true, "drains per device, swapped near empty; null for mains-powered devices and offline rows"),
        ColumnSpec("rssi_dbm", .int32, nullable: true, "signal strength; null on offline rows"),
        ColumnSpec("firmware_version", .category, "fixed per device; 1.4.2 is the legacy firmware reporting °F"),
        ColumnSpec("status", .category, "ok, degraded (low battery or signal), fault, offline (dropouts)"),
        ColumnSpec("is_anomaly", .boolean, "ground truth: the reading is part of a planted spike, stuck-at run or dropout"),
        ColumnSpec("quality_flag", .category, "good, estimated, out_of_range, missing"),
    ]
}
