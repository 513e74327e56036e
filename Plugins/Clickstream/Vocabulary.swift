/// The best-known pages first (Zipf ranks follow this order).
let headContentPaths = [
    "/", "/c/electronics", "/deals", "/c/home-kitchen", "/c/clothing", "/new-arrivals", "/c/shoes",
    "/bestsellers", "/c/beauty", "/c/sports-outdoors", "/account", "/c/toys", "/wishlist", "/c/books",
    "/account/orders", "/c/pet-supplies", "/help", "/c/office", "/c/garden", "/help/shipping",
    "/c/grocery", "/help/returns", "/blog", "/stores", "/c/electronics/headphones", "/c/electronics/laptops",
    "/c/home-kitchen/coffee", "/c/clothing/women", "/c/clothing/men", "/c/shoes/running",
    "/blog/holiday-gift-guide", "/blog/best-budget-headphones", "/blog/how-to-choose-running-shoes",
    "/blog/home-office-setup", "/blog/spring-cleaning-checklist", "/blog/coffee-brewing-101",
    "/help/payment", "/help/contact", "/gift-cards", "/sustainability", "/careers", "/about",
    "/privacy", "/terms",
]
/// Content pages: the head above, then subcategories, brands, guides and help.
let contentPaths: [String] = {
    var paths = headContentPaths
    for (category, subcategories) in subcategoryNames {
        for sub in subcategories where !paths.contains("/c/\(category)/\(sub)") { paths.append("/c/\(category)/\(sub)") }
    }
    for brand in brandNames { paths.append("/brands/\(brand)") }
    for noun in guideTopics {
        for template in ["best-\(noun)-2024", "how-to-choose-\(noun)", "\(noun)-buying-guide", "\(noun)-care-tips"] {
            paths.append("/blog/\(template)")
        }
    }
    for topic in ["warranty", "track-order", "gift-wrapping", "price-match", "student-discount", "international-shipping",
                  "accessibility", "size-guide", "store-pickup", "recycling", "account-security", "cookies"] {
        paths.append("/help/\(topic)")
    }
    return paths
}()

let subcategoryNames: [(String, [String])] = [
    ("electronics", ["headphones", "laptops", "tablets", "cameras", "tv", "smart-home", "wearables", "audio", "accessories"]),
    ("home-kitchen", ["coffee", "cookware", "small-appliances", "bedding", "bath", "furniture", "lighting", "storage"]),
    ("clothing", ["women", "men", "kids", "activewear", "outerwear", "underwear", "accessories", "sleepwear"]),
    ("shoes", ["running", "sneakers", "boots", "sandals", "formal", "kids", "hiking"]),
    ("beauty", ["skincare", "makeup", "hair", "fragrance", "nails", "men"]),
    ("sports-outdoors", ["camping", "cycling", "fitness", "yoga", "swimming", "team-sports", "fishing"]),
    ("toys", ["lego", "dolls", "board-games", "outdoor", "baby", "educational"]),
    ("books", ["fiction", "non-fiction", "kids", "cookbooks", "comics", "textbooks"]),
    ("pet-supplies", ["dog", "cat", "fish", "bird", "small-animals"]),
    ("office", ["chairs", "desks", "paper", "printers", "organization"]),
    ("garden", ["tools", "plants", "grills", "outdoor-furniture", "watering"]),
    ("grocery", ["snacks", "coffee-tea", "breakfast", "pantry", "beverages", "organic"]),
]
let brandNames = ["acme", "northpeak", "lumen", "vertex", "bluefin", "orbita", "kestrel", "solace", "tidewater", "ember",
                  "cobalt", "meridian", "havn", "quill", "nimbus", "sable", "terra", "fjord", "pioneer", "arcadia",
                  "zephyr", "halcyon", "ironwood", "lark", "mosaic", "nova", "pebble", "quartz", "rivet", "summit"]
let guideTopics = ["headphones", "running-shoes", "coffee-makers", "laptops", "office-chairs", "air-fryers", "mattresses",
                   "strollers", "tents", "backpacks", "smart-watches", "vacuum-cleaners", "blenders", "monitors",
                   "skincare", "winter-jackets", "yoga-mats", "dog-beds", "board-games", "bikes", "knives", "tvs",
                   "speakers", "desk-lamps", "sunglasses"]

/// Fixed pages the funnel visits, appended after the content pages.
let funnelPaths = ["/cart", "/checkout", "/checkout/confirmation", "/search"]

/// The common searches first (Zipf ranks follow this order), misspellings
/// among them.
let headSearchQueries = [
    "wireless earbuds", "running shoes", "air fryer", "phone case", "laptop", "usb c cable",
    "coffee maker", "yoga mat", "bluetooth speaker", "office chair", "backpack", "smart watch",
    "noise cancelling headphones", "water bottle", "gaming mouse", "winter jacket", "desk lamp",
    "mechanical keyboard", "robot vacuum", "standing desk", "sneakers", "hdmi cable", "tv",
    "portable charger", "electric toothbrush", "sunglasses", "monitor 27 inch", "webcam",
    "dog food", "kids toys", "wireles earbuds", "labtop", "face moisturizer", "led strip lights",
    "iphone 15 case", "external hard drive", "camping tent", "protein powder", "bed sheets queen",
    "kitchen knife set", "wifi router", "ring light", "hiking boots", "jeans men", "summer dress",
    "gift card", "sale", "instant pot", "throw blanket", "shampoo", "headphones", "ipad",
    "nike air max", "lego", "vitamin d", "cast iron skillet", "baby monitor", "tv wall mount",
]

/// Searches: the head, then the head with a modifier in front or a
/// qualifier behind, interleaved so that the tail mixes both.
let searchQueries: [String] = {
    let modifiers = ["best", "cheap", "wireless", "black", "kids", "mens", "womens", "portable", "mini", "large",
                     "organic", "smart", "used", "refurbished", "white", "waterproof"]
    let qualifiers = ["for men", "for women", "under 50", "on sale", "2024", "near me", "reviews", "with free shipping",
                      "gift", "deals"]
    var queries = headSearchQueries
    var seen = Set(queries)
    for i in 0..<max(modifiers.count, qualifiers.count) {
        for head in headSearchQueries {
            for query in [i < modifiers.count ? "\(modifiers[i]) \(head)" : "",
                          i < qualifiers.count ? "\(head) \(qualifiers[i])" : ""] where !query.isEmpty {
                if seen.insert(query).inserted { queries.append(query) }
            }
        }
    }
    return queries
}()

/// First octets of consumer address space, by country (plausible, not a geo-IP database).
let countryOctets: [String: [UInt8]] = [
    "US": [23, 24, 50, 64, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 96, 97, 98, 99, 107, 108, 173, 174],
    "GB": [2, 5, 31, 51, 62, 81, 86, 90, 92, 109],
    "DE": [46, 62, 77, 78, 79, 80, 84, 87, 91, 93],
    "FR": [2, 37, 78, 80, 82, 83, 86, 90, 92],
    "IN": [1, 14, 27, 49, 59, 103, 106, 117, 122],
    "BR": [177, 179, 186, 187, 189, 191, 200, 201],
    "CA": [24, 47, 64, 70, 99, 142, 184],
    "JP": [1, 14, 27, 36, 42, 49, 60, 61, 106, 110, 114, 126],
    "AU": [1, 14, 27, 49, 58, 101, 110, 120, 121],
    "MX": [177, 187, 189, 200, 201],
    "ES": [2, 5, 31, 37, 77, 79, 80, 81, 83, 84, 88],
    "NL": [31, 37, 62, 77, 80, 82, 83, 84, 85, 86, 94],
    "IT": [2, 5, 31, 37, 79, 80, 82, 87, 93, 95],
    "SE": [2, 5, 31, 46, 78, 81, 83, 85, 90],
    "PL": [5, 31, 37, 46, 77, 78, 79, 83, 89, 91],
]
