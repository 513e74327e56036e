let contentPaths = [
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
/// Fixed pages the funnel visits, appended after the content pages.
let funnelPaths = ["/cart", "/checkout", "/checkout/confirmation", "/search"]

let searchQueries = [
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
