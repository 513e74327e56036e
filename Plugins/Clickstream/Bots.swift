/// Bots: user agent, browser, os, screen. Declared crawlers, scripts, and
/// headless or stale browsers; all desktop, all from data-centre ranges.
let botProfiles: [(ua: String, browser: String, os: String, width: Int32, height: Int32, weight: Double)] = [
    ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Other", "Other", 0, 0, 0.22),
    ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "Other", "Other", 0, 0, 0.10),
    ("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "Other", "Other", 0, 0, 0.08),
    ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/122.0.0.0 Safari/537.36", "HeadlessChrome", "Linux", 800, 600, 0.20),
    ("python-requests/2.31.0", "Other", "Other", 0, 0, 0.12),
    ("curl/8.5.0", "Other", "Other", 0, 0, 0.05),
    ("Scrapy/2.11.0 (+https://scrapy.org)", "Other", "Other", 0, 0, 0.08),
    ("Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/74.0.3729.169 Safari/537.36", "Chrome", "Windows", 1024, 768, 0.15),
]
let botCountries = ["US", "DE", "IE", "NL", "SG", "FR"]
let botCountryWeights = [0.5, 0.15, 0.1, 0.1, 0.1, 0.05]
let cloudOctets: [UInt8] = [3, 13, 18, 34, 35, 52, 54, 104, 138, 143, 157, 159, 167]
