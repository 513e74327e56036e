/// Browser profiles: (device type, os, browser, user-agent template). In a
/// template {C} is a Chrome major version, {F} Firefox, {S} Safari, {I} an iOS
/// version with underscores, {A} an Android version, {B} Samsung Internet,
/// {M} a phone or tablet model.
struct Profile {
    var device: Int
    var os: String
    var browser: String
    var template: String
    var weight: Double
}
let deviceNames = ["mobile", "desktop", "tablet"]
let profiles: [Profile] = [
    Profile(device: 1, os: "Windows", browser: "Chrome", template: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{C}.0.0.0 Safari/537.36", weight: 0.45),
    Profile(device: 1, os: "Windows", browser: "Edge", template: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{C}.0.0.0 Safari/537.36 Edg/{C}.0.0.0", weight: 0.15),
    Profile(device: 1, os: "Windows", browser: "Firefox", template: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{F}.0) Gecko/20100101 Firefox/{F}.0", weight: 0.07),
    Profile(device: 1, os: "macOS", browser: "Safari", template: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/{S} Safari/605.1.15", weight: 0.12),
    Profile(device: 1, os: "macOS", browser: "Chrome", template: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{C}.0.0.0 Safari/537.36", weight: 0.12),
    Profile(device: 1, os: "macOS", browser: "Firefox", template: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:{F}.0) Gecko/20100101 Firefox/{F}.0", weight: 0.02),
    Profile(device: 1, os: "Linux", browser: "Chrome", template: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{C}.0.0.0 Safari/537.36", weight: 0.02),
    Profile(device: 1, os: "Linux", browser: "Firefox", template: "Mozilla/5.0 (X11; Linux x86_64; rv:{F}.0) Gecko/20100101 Firefox/{F}.0", weight: 0.02),
    Profile(device: 1, os: "ChromeOS", browser: "Chrome", template: "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{C}.0.0.0 Safari/537.36", weight: 0.03),
    Profile(device: 0, os: "iOS", browser: "Safari", template: "Mozilla/5.0 (iPhone; CPU iPhone OS {I} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/{S} Mobile/15E148 Safari/604.1", weight: 0.40),
    Profile(device: 0, os: "iOS", browser: "Chrome", template: "Mozilla/5.0 (iPhone; CPU iPhone OS {I} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/{C}.0.0.0 Mobile/15E148 Safari/604.1", weight: 0.07),
    Profile(device: 0, os: "Android", browser: "Chrome", template: "Mozilla/5.0 (Linux; Android {A}; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{C}.0.0.0 Mobile Safari/537.36", weight: 0.42),
    Profile(device: 0, os: "Android", browser: "Samsung Internet", template: "Mozilla/5.0 (Linux; Android {A}; {M}) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/{B}.0 Chrome/{C}.0.0.0 Mobile Safari/537.36", weight: 0.09),
    Profile(device: 0, os: "Android", browser: "Firefox", template: "Mozilla/5.0 (Android {A}; Mobile; rv:{F}.0) Gecko/{F}.0 Firefox/{F}.0", weight: 0.02),
    Profile(device: 2, os: "iPadOS", browser: "Safari", template: "Mozilla/5.0 (iPad; CPU OS {I} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/{S} Mobile/15E148 Safari/604.1", weight: 0.62),
    Profile(device: 2, os: "Android", browser: "Chrome", template: "Mozilla/5.0 (Linux; Android {A}; {M}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{C}.0.0.0 Safari/537.36", weight: 0.38),
]
/// Browser and OS versions, newest first, and how common each is.
let versionVariants = 10
let versionWeights = [0.20, 0.17, 0.14, 0.11, 0.09, 0.08, 0.07, 0.06, 0.04, 0.04]
let versionValues: [Character: [String]] = [
    "C": ["124", "123", "122", "121", "120", "119", "118", "117", "116", "109"],
    "F": ["125", "124", "123", "122", "121", "120", "119", "118", "115", "102"],
    "S": ["17.4.1", "17.4", "17.3", "17.2", "17.1", "17.0", "16.6", "16.5", "16.3", "15.6"],
    "I": ["17_4_1", "17_4", "17_3_1", "17_2", "17_1", "17_0", "16_7", "16_6", "16_5", "15_7"],
    "A": ["14", "14", "13", "13", "12", "12", "11", "10", "15", "15"],
    "B": ["25", "24", "24", "23", "23", "22", "21", "20", "19", "18"],
]
/// Models an Android user agent may name (Samsung Internet and tablets name theirs).
let deviceModels = ["SM-S918B", "SM-S911B", "SM-A546B", "SM-A536B", "SM-G991B", "SM-A145R", "SM-S928U", "SM-G781B",
                    "SM-X710", "SM-X200", "SM-T500", "SM-A256E"]
let screens: [[(Int32, Int32, Double)]] = [
    [(390, 844, 0.20), (393, 873, 0.15), (414, 896, 0.12), (375, 667, 0.10), (412, 915, 0.18), (360, 800, 0.15), (430, 932, 0.10)],
    [(1920, 1080, 0.35), (1366, 768, 0.12), (1536, 864, 0.10), (1440, 900, 0.08), (2560, 1440, 0.10), (1280, 720, 0.05),
     (1680, 1050, 0.05), (3840, 2160, 0.05), (1600, 900, 0.10)],
    [(810, 1080, 0.30), (820, 1180, 0.25), (768, 1024, 0.20), (800, 1280, 0.25)],
]
