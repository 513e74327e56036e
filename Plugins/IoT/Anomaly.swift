/// The kind of planted episode a reading falls in (see `IoTDomain.Episode`).
enum Anomaly: Int { case none = 0, spike, stuck, dropout, outage }
