import LBDomainKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One session: its visitor's attributes, its type chain, and the event it is on (`current`).
struct Session {
    var chain: Chain
    var random: RandomStream        // pages, products, times, ids
    let key: UInt64
    let cart: UnsafeMutablePointer<UInt64>   // product number << 32 | price in cents
    var cartCount = 0
    var current = EventState()
    var rows: Int { chain.rows }

    // Session-wide attributes.
    let isBot: Bool
    let userID: Int64               // 0 = anonymous
    let visitorKey: UInt64
    let profile: Int                // index into profiles, or bot profile
    let variant: Int                // version variant × model (see userAgents)
    let device: Int
    let screenWidth: Int32
    let screenHeight: Int32
    let country: Int                // index into the run's countries, or bot countries
    let ip: (UInt8, UInt8, UInt8, UInt8)
    let source: Int
    let campaignPick: Int
    let referrerPick: Int
    let sessionID: UInt64           // UUID seeds
    let anonymousID: UInt64
    let loginAt: Int32              // sequence_in_session of the login; user_id null before it
    var clockMicros: Int64

    init(_ domain: ClickstreamDomain, index: UInt64, firstRow: UInt64, limit: Int, cart: UnsafeMutablePointer<UInt64>) {
        key = domain.sessionKey(index)
        chain = Chain(sessionKey: key, botRatio: domain.botRatio, engagementSigma: domain.engagementSigma,
                      limit: min(limit, domain.maxSessionEvents))
        random = RandomStream(seed: Hash.mix(key, 3))
        self.cart = cart
        isBot = chain.isBot
        var plan = RandomStream(seed: Hash.mix(key, 2))
        sessionID = plan.next()
        // The client sends a session's events together when it ends (a page-hide beacon,
        // an app going to the background), received at the time of its rows: so its
        // events happened before, over the session's span (the chain replayed).
        var replay = chain
        while replay.next(domain) != Event.end {}
        var start = domain.rowMicros(firstRow) - replay.elapsedMs * 1000 - Int64(200_000 + plan.next(below: 1_000_000))
        if plan.unit() < domain.skewRatio {
            start += Int64(domain.skewMicros * Normal.quickStandard(plan.next()))
        }
        clockMicros = start
        if isBot {
            userID = 0
            visitorKey = 0
            profile = domain.botChoice.pick(&plan)
            variant = 0
            device = 1
            screenWidth = botProfiles[profile].width
            screenHeight = botProfiles[profile].height
            country = domain.botCountryChoice.pick(&plan)
            if domain.botIPPool > 0 {
                // A few busy addresses run most bot sessions.
                let slot = UInt64(Double(domain.botIPPool) * pow(plan.unit(), 3))
                var address = RandomStream(entity: slot, seed: domain.seed, salt: 0xB071_9001)
                ip = (cloudOctets[Int(address.next(below: UInt64(cloudOctets.count)))], UInt8(address.next(below: 256)),
                      UInt8(address.next(below: 256)), UInt8(1 + address.next(below: 254)))
            } else {
                ip = (cloudOctets[Int(plan.next(below: UInt64(cloudOctets.count)))], UInt8(plan.next(below: 256)),
                      UInt8(plan.next(below: 256)), UInt8(1 + plan.next(below: 254)))
            }
            anonymousID = plan.next()   // bots drop cookies: a new id every session
            source = Source.direct
            loginAt = 0
        } else {
            // Who: a logged-in user, a returning anonymous browser or a new one,
            // as the session's slot in its window says (see VisitorPool).
            var secondDevice = false
            var login: Int32 = 0
            switch domain.visitor(session: index) {
            case .user(let rank):
                let user = domain.userPermutation(rank) + 1
                userID = Int64(user)
                visitorKey = user
                // A user with a second device uses it in about half their sessions.
                if domain.multiDeviceRatio > 0
                    && RandomStream.unit(from: Hash.mix(domain.seed ^ 0x2DE7_1CE, user)) < domain.multiDeviceRatio {
                    secondDevice = plan.next() & 1 == 1
                }
                // Logged in part-way: anonymous for the first 1-4 events.
                if domain.loginInSessionRate > 0 && plan.unit() < domain.loginInSessionRate {
                    login = Int32(2 + plan.next(below: 4))
                }
            case .returning(let rank):
                userID = 0
                visitorKey = 1 << 62 | rank
            case .new:
                userID = 0
                visitorKey = 1 << 62 | 1 << 61 | index
            }
            loginAt = login
            // The device's attributes from (run seed, device) alone: a user's
            // second device is one of its own. The person's country and home
            // address block from (run seed, visitor).
            var visitor = RandomStream(entity: secondDevice ? visitorKey | 1 << 60 : visitorKey, seed: domain.seed, salt: 0x7151_7012)
            anonymousID = visitor.next()
            device = domain.deviceIndex[domain.deviceChoice.pick(&visitor)]
            profile = domain.profileIndex[device][domain.profileChoice[device].pick(&visitor)]
            variant = domain.versionChoice.pick(&visitor) * deviceModels.count + Int(visitor.next(below: UInt64(deviceModels.count)))
            let screen = screens[device][domain.screenChoice[device].pick(&visitor)]
            screenWidth = screen.0
            screenHeight = screen.1
            var person = RandomStream(entity: visitorKey, seed: domain.seed, salt: 0x7151_7013)
            country = domain.countryChoice.pick(&person)
            let octets = domain.countryOctetTable[country]
            let first = octets[Int(person.next(below: UInt64(octets.count)))]
            let second = UInt8(person.next(below: 256))
            ip = (first, second, UInt8(plan.next(below: 256)), UInt8(1 + plan.next(below: 254)))
            source = domain.sourceIndex[domain.sourceChoice.pick(&plan)]
        }
        campaignPick = Int(plan.next() >> 33)
        referrerPick = Int(plan.next() >> 33)
        // An app offline or in the background uploads the session later (late_upload_ratio).
        if !isBot && device != 1 && domain.lateUploadRatio > 0 {
            var upload = RandomStream(seed: Hash.mix(key, 5))
            if upload.unit() < domain.lateUploadRatio {
                clockMicros -= Int64(exp(domain.lateUploadLogMin + domain.lateUploadLogSpan * upload.unit()))
            }
        }
    }

    /// Computes the session's next row into `current`; false when the session is over.
    @inline(__always)
    mutating func advance(_ domain: ClickstreamDomain) -> Bool {
        let next = chain.next(domain)
        if next == Event.end { return false }
        if next == Event.duplicate { return true }   // the client re-sent the same event

        let first = current.sequence == 0
        current.sequence += 1
        current.idSeed = random.next()
        if first {
            current.sincePreviousMs = 0
        } else {
            current.sincePreviousMs = chain.pauseMs
            clockMicros += chain.pauseMs * 1000
        }
        current.micros = clockMicros
        current.previousPage = current.page
        current.hasPreviousPage = !first
        current.type = next
        current.product = -1
        current.revenueCents = -1
        current.query = -1

        switch next {
        case Event.pageView:
            current.page = Page(kind: 0, arg: UInt32(domain.pageChoice.pick(&random)))
        case Event.search:
            if domain.longTailQueryRate > 0 && random.unit() < domain.longTailQueryRate {
                // A one-off search: its text from a seed of its own (LongTailQuery).
                current.query = -2
                current.page = Page(kind: 1, arg: LongTailQuery.flag | UInt32(truncatingIfNeeded: random.next() >> 33))
            } else {
                let query = domain.queryChoice.pick(&random)
                current.query = query
                current.page = Page(kind: 1, arg: UInt32(query))
            }
        case Event.productView:
            let product = domain.productPermutation(domain.productZipf.draw(&random) - 1)
            current.product = Int64(product)
            current.page = Page(kind: 2, arg: UInt32(truncatingIfNeeded: product))
        case Event.addToCart:
            // The product on screen, or (after a cart or checkout page) a popular one.
            var product: UInt64
            if current.previousPage.kind == 2 && current.hasPreviousPage {
                product = UInt64(current.previousPage.arg)
            } else {
                product = domain.productPermutation(domain.productZipf.draw(&random) - 1)
            }
            current.product = Int64(product)
            current.page = Page(kind: 2, arg: UInt32(truncatingIfNeeded: product))
            var price = RandomStream(seed: Hash.mix(domain.seed ^ 0x9_21CE, product))
            let cents = UInt64(min(250_000, max(199, (exp(3.3 + 0.9 * Normal.quickStandard(price.next())) * 100).rounded())))
            cart[cartCount] = product << 32 | cents
            cartCount += 1
        case Event.removeFromCart:
            let slot = Int(random.next(below: UInt64(cartCount)))
            current.product = Int64(cart[slot] >> 32)
            cartCount -= 1
            cart[slot] = cart[cartCount]
            current.page = Page(kind: 0, arg: UInt32(domain.cartPath))
        case Event.checkoutStart:
            current.page = Page(kind: 0, arg: UInt32(domain.checkoutPath))
        case Event.purchase:
            var total: Int64 = 0
            for i in 0..<cartCount { total += Int64(cart[i] & 0xffff_ffff) }
            current.revenueCents = total
            cartCount = 0
            current.page = Page(kind: 0, arg: UInt32(domain.confirmationPath))
        default:   // click: an element of the page already shown
            if first { current.page = Page(kind: 0, arg: 0) }
        }
        return true
    }
}
