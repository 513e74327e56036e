import LBDomainKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The event-type walk of one session and the pauses between its events:
/// all that is needed to know its length (a human session ends at
/// max_session_minutes), so it is kept apart from every other draw.
struct Chain {
    var random: RandomStream
    var timing: RandomStream
    let isBot: Bool
    let exitScale: Double
    let limit: Int
    var type = -1
    var cart = 0
    var rows = 0
    var lastWasDuplicate = false
    var elapsedMs: Int64 = 0
    var pauseMs: Int64 = 0          // before the event `next` returned last

    init(sessionKey: UInt64, botRatio: Double, engagementSigma: Double, limit: Int) {
        random = RandomStream(seed: Hash.mix(sessionKey, 1))
        timing = RandomStream(seed: Hash.mix(sessionKey, 4))
        isBot = random.unit() < botRatio
        exitScale = exp(engagementSigma * Normal.quickStandard(random.next()))
        self.limit = limit
    }

    /// The next row: an event type, `Event.duplicate`, or `Event.end`.
    @inline(__always)
    mutating func next(_ domain: ClickstreamDomain) -> Int {
        if rows >= limit { return Event.end }
        if rows == 0 {
            type = isBot ? domain.botStartChoice.pick(&random) : domain.humanStartChoice.pick(&random)
            rows = 1
            return type
        }
        if !lastWasDuplicate && random.unit() < domain.duplicateRate {
            lastWasDuplicate = true
            rows += 1
            return Event.duplicate
        }
        lastWasDuplicate = false
        var next: Int
        if isBot {
            if random.unit() < domain.botExit { return Event.end }
            next = domain.botNextChoice.pick(&random)
        } else {
            if random.unit() < min(0.95, domain.exitProbability[type] * exitScale) { return Event.end }
            next = domain.humanNextChoice[type].pick(&random)
            switch next {
            case Event.addToCart where cart >= cartCapacity: next = Event.productView
            case Event.removeFromCart where cart == 0, Event.checkoutStart where cart == 0: next = Event.productView
            default: break
            }
            switch next {
            case Event.addToCart: cart += 1
            case Event.removeFromCart: cart -= 1
            case Event.purchase: cart = 0
            default: break
            }
        }
        var pause: Double
        if isBot {
            pause = 40 + 600 * timing.unit() * timing.unit()
        } else {
            pause = exp(domain.thinkMu + domain.thinkSigma * Normal.quickStandard(timing.next())) * thinkFactor[next]
            pause = min(pause, 29 * 60 * 1000)    // below the 30-minute session timeout
            if domain.longPauseRate > 0 && timing.unit() < domain.longPauseRate {
                pause = (30 + 90 * timing.unit()) * 60_000     // the visitor left the tab and came back
            }
        }
        let ms = max(1, Int64(pause))
        if !isBot && elapsedMs + ms > domain.maxSessionMs { return Event.end }
        elapsedMs += ms
        pauseMs = ms
        type = next
        rows += 1
        return next
    }
}
