import LBDomainKit

/// Value lists tied to the domain's rules (the free ones are parameters).
enum Vocabulary {
    static let interactionTypes = ["purchase", "browse", "support", "login", "abandoned_cart"]
    /// Channel labels in the order the rules use (store = 2, call_center = 3).
    static let channels = ["web", "mobile_app", "store", "call_center", "social_media"]
    static let loyaltyTiers = ["bronze", "silver", "gold"]

    /// The 22 city/state pairs, drawn uniformly.
    static let pairs: [(city: String, state: String)] = [
        ("New York", "NY"), ("NYC", "New York"), ("New York City", "NY"),
        ("Los Angeles", "CA"), ("LA", "California"), ("Los Angeles", "California"),
        ("Chicago", "IL"), ("Chicago", "Illinois"), ("Houston", "TX"), ("Houston", "Texas"),
        ("Phoenix", "AZ"), ("Phoenix", "Arizona"), ("Philadelphia", "PA"), ("Philly", "Pennsylvania"),
        ("San Antonio", "TX"), ("San Antonio", "Texas"), ("San Diego", "CA"), ("San Diego", "California"),
        ("Dallas", "TX"), ("Dallas", "Texas"), ("San Jose", "CA"), ("San Jose", "California"),
    ]

    static let cityMisspellings: [String: String] = [
        "Chicago": "Chicgao", "New York": "Newyork", "New York City": "Newyork City", "NYC": "Nyc",
        "Phoenix": "Pheonix", "Los Angeles": "Los Angelas", "LA": "La", "Houston": "Huston",
        "Philadelphia": "Philidelphia", "Philly": "Phily",
    ]

    /// Four re-spellings of each state value; a dirty row takes one uniformly.
    static let stateRespellings: [String: [String]] = [
        "CA": ["california", "CALIFORNIA", "Calif.", "Ca"],
        "NY": ["new york", "NEW YORK", "N.Y.", "Ny"],
        "New York": ["new york", "NEW YORK", "ny", "N.Y."],
        "IL": ["illinois", "ILLINOIS", "Ill.", "Il"],
        "Illinois": ["IL", "il", "Ill.", "ILLINOIS"],
        "TX": ["texas", "TEXAS", "Tex.", "Tx"],
        "Texas": ["TX", "tx", "Tex.", "TEXAS"],
        "AZ": ["arizona", "ARIZONA", "Ariz.", "Az"],
        "Arizona": ["AZ", "az", "Ariz.", "ARIZONA"],
        "PA": ["pennsylvania", "PENNSYLVANIA", "Penn.", "Pa"],
        "Pennsylvania": ["PA", "pa", "Penn.", "PENNSYLVANIA"],
        "California": ["CA", "ca", "Calif.", "CALIFORNIA"],
    ]

    /// Pair i's city is entry i; its misspelling (or the city again when it
    /// has none) is entry 22 + i.
    static let cities = pairs.map(\.city) + pairs.map { cityMisspellings[$0.city] ?? $0.city }
    /// Pair i's state is entry i; its re-spellings are entries 22 + 4i ..< 22 + 4i + 4.
    static let states = pairs.map(\.state) + pairs.flatMap { stateRespellings[$0.state]! }
}
