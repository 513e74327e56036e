import LBDomainKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Writes a session's current event as the next row of the batch.
struct Writer {
    var eventID, sessionID, anonymousID, pageURL, pagePath, referrer: StringColumn
    var utmSource, utmMedium, utmCampaign, userAgent, ip, productID: StringColumn
    var searchQuery: StringColumn
    let eventType, deviceType, os, browser, country: FixedColumn<UInt32>
    let timestamp: FixedColumn<Int64>
    let received: FixedColumn<Int64>
    let userID: FixedColumn<Int64>
    let sequence: FixedColumn<Int32>
    let screenWidth: FixedColumn<Int32>
    let screenHeight: FixedColumn<Int32>
    let revenue: FixedColumn<Double>
    let sincePrevious: FixedColumn<Int64>
    let isBot: FixedColumn<UInt8>
    var row = 0

    init(_ batch: Batch, _ column: Columns) {
        eventID = batch[column.eventID]
        timestamp = batch[column.eventTimestamp]
        received = batch[column.receivedTimestamp]
        sessionID = batch[column.sessionID]
        userID = batch[column.userID]
        anonymousID = batch[column.anonymousID]
        eventType = batch[column.eventType]
        sequence = batch[column.sequenceInSession]
        pageURL = batch[column.pageURL]
        pagePath = batch[column.pagePath]
        referrer = batch[column.referrerURL]
        utmSource = batch[column.utmSource]
        utmMedium = batch[column.utmMedium]
        utmCampaign = batch[column.utmCampaign]
        deviceType = batch[column.deviceType]
        os = batch[column.os]
        browser = batch[column.browser]
        userAgent = batch[column.userAgent]
        ip = batch[column.ipAddress]
        country = batch[column.country]
        screenWidth = batch[column.screenWidth]
        screenHeight = batch[column.screenHeight]
        searchQuery = batch[column.searchQuery]
        productID = batch[column.productID]
        revenue = batch[column.revenue]
        sincePrevious = batch[column.timeSincePrevious]
        isBot = batch[column.isBot]
    }

    @inline(__always)
    static func uuid(_ seed: UInt64, _ column: inout StringColumn) {
        column.append(maxLength: 36) { p in
            var r = RandomStream(seed: seed)
            TextEncoding.writeUUID(to: p, random: &r)
            return 36
        }
    }

    /// Writes a page's path (and, with `query`, its search query string) at `p`.
    @inline(__always)
    static func writePath(_ domain: ClickstreamDomain, _ page: Page, query: Bool, to p: UnsafeMutablePointer<UInt8>) -> Int {
        switch page.kind {
        case 1:
            var n = TextEncoding.write(domain.paths.bytes(domain.searchPath), to: p)
            if query {
                if page.arg & LongTailQuery.flag != 0 {
                    p[n] = 0x3f; p[n + 1] = 0x71; p[n + 2] = 0x3d   // "?q="
                    n += 3 + LongTailQuery.write(page.arg, plus: true, to: p + n + 3)
                } else {
                    n += TextEncoding.write(domain.queryEncoded.bytes(Int(page.arg)), to: p + n)
                }
            }
            return n
        case 2:
            p[0] = 0x2f; p[1] = 0x70; p[2] = 0x2f; p[3] = 0x50   // "/p/P"
            TextEncoding.writeDecimal(UInt64(page.arg), digits: domain.productDigits, to: p + 4)
            return 4 + domain.productDigits
        default:
            return TextEncoding.write(domain.paths.bytes(Int(page.arg)), to: p)
        }
    }

    @inline(__always)
    static func writeURL(_ domain: ClickstreamDomain, _ page: Page, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let n = TextEncoding.write(domain.hostPrefix.bytes(0), to: p)
        return n + writePath(domain, page, query: true, to: p + n)
    }

    /// A malformed page_url (malformed_url_rate): what broken clients, bad
    /// redirects and hand-typed links send. Drawn from the event, so a retry
    /// repeats it.
    static func malform(_ p: UnsafeMutablePointer<UInt8>, _ n: Int, _ domain: ClickstreamDomain, _ event: UInt64) -> Int {
        let word = Hash.mix(event, 0x3A1F_0BAD)
        guard RandomStream.unit(from: word) < domain.malformedURLRate else { return n }
        let hostEnd = domain.hostPrefix.bytes(0).count   // where the path's "/" is, after "https://host"
        switch (word & 0xffff) % 5 {   // low bits: the chance above used the high ones
        case 0:   // a double slash after the host
            memmove(p + hostEnd + 1, p + hostEnd, n - hostEnd)
            return n + 1
        case 1:   // no scheme
            memmove(p, p + 8, n - 8)
            return n - 8
        case 2:   // upper-case scheme and host
            for i in 0..<hostEnd where p[i] >= 0x61 && p[i] <= 0x7a { p[i] -= 0x20 }
            return n
        case 3:   // a raw space where a "+" or the end of the path was
            var i = hostEnd
            while i < n && p[i] != 0x2b { i += 1 }
            if i < n { p[i] = 0x20; return n }
            p[n] = 0x20; p[n + 1] = 0x3f; p[n + 2] = 0x3d   // " ?="
            return n + 3
        default:  // cut short
            return hostEnd + 1 + Int((word >> 32) % UInt64(max(1, n - hostEnd - 1)))
        }
    }

    @inline(__always)
    static func put(_ text: String, _ p: UnsafeMutablePointer<UInt8>) -> Int {
        var n = 0
        for byte in text.utf8 { p[n] = byte; n += 1 }
        return n
    }

    mutating func write(_ domain: ClickstreamDomain, _ session: Session, receivedMicros: Int64) {
        let e = session.current
        received[row] = receivedMicros
        let first = e.sequence == 1
        Writer.uuid(e.idSeed, &eventID)
        timestamp[row] = e.micros
        Writer.uuid(session.sessionID, &sessionID)
        if session.userID > 0 && e.sequence >= session.loginAt {
            userID[row] = session.userID
        } else {
            userID[row] = 0
            userID.setNull(row)
        }
        Writer.uuid(session.anonymousID, &anonymousID)
        eventType[row] = UInt32(e.type)
        sequence[row] = e.sequence

        // UTM: campaign traffic, first event only.
        var utm: (source: UnsafeRawBufferPointer, medium: UnsafeRawBufferPointer, campaign: UnsafeRawBufferPointer)? = nil
        if first && !session.isBot {
            switch session.source {
            case Source.paidSearch:
                utm = (domain.fixedText.bytes(session.referrerPick % 10 < 8 ? 1 : 2), domain.fixedText.bytes(3),
                       domain.paidCampaignText.bytes(session.campaignPick % paidCampaigns.count))
            case Source.social:
                utm = (domain.socialSourceText.bytes(domain.socialCampaignIndex(session)), domain.fixedText.bytes(4),
                       domain.socialCampaignText.bytes(session.campaignPick % socialCampaigns.count))
            case Source.email:
                utm = (domain.fixedText.bytes(5), domain.fixedText.bytes(6),
                       domain.emailCampaignText.bytes(session.campaignPick % emailCampaigns.count))
            case Source.display:
                utm = (domain.fixedText.bytes(7), domain.fixedText.bytes(8),
                       domain.displayCampaignText.bytes(session.campaignPick % displayCampaigns.count))
            default:
                break
            }
        }

        pageURL.append(maxLength: domain.maxURL) { p in
            var n = Writer.writeURL(domain, e.page, to: p)
            if let utm {
                p[n] = e.page.kind == 1 ? 0x26 : 0x3f   // "&" after "?q=", else "?"
                n += 1
                n += Writer.put("utm_source=", p + n)
                n += TextEncoding.write(utm.source, to: p + n)
                n += Writer.put("&utm_medium=", p + n)
                n += TextEncoding.write(utm.medium, to: p + n)
                n += Writer.put("&utm_campaign=", p + n)
                n += TextEncoding.write(utm.campaign, to: p + n)
            }
            if domain.malformedURLRate > 0 {
                n = Writer.malform(p, n, domain, e.idSeed)
            }
            return n
        }
        pagePath.append(maxLength: domain.maxURL) { p in Writer.writePath(domain, e.page, query: false, to: p) }

        // Referrer: the previous page, or where the session came from.
        if !first {
            referrer.append(maxLength: domain.maxURL) { p in Writer.writeURL(domain, e.previousPage, to: p) }
        } else if session.isBot {
            referrer.appendNull()
        } else {
            switch session.source {
            case Source.organic:
                referrer.append(domain.organicText, domain.organicIndex(session))
            case Source.paidSearch:
                referrer.append(domain.organicText, session.referrerPick % 10 < 8 ? 0 : 1)
            case Source.social:
                referrer.append(domain.socialText, domain.socialCampaignIndex(session))
            case Source.display:
                referrer.append(domain.fixedText, 0)
            case Source.referral:
                referrer.append(domain.referralText, session.referrerPick % referralReferrers.count)
            default:   // direct, email
                referrer.appendNull()
            }
        }
        if let utm {
            utmSource.append(utm.source)
            utmMedium.append(utm.medium)
            utmCampaign.append(utm.campaign)
        } else {
            utmSource.appendNull()
            utmMedium.appendNull()
            utmCampaign.appendNull()
        }

        if session.isBot {
            // Bots' labels follow the people's (see labels(for:)).
            deviceType[row] = 1
            os[row] = UInt32(profiles.count + session.profile)
            browser[row] = UInt32(profiles.count + session.profile)
            userAgent.append(domain.botUA, session.profile)
        } else {
            deviceType[row] = UInt32(session.device)
            os[row] = UInt32(session.profile)
            browser[row] = UInt32(session.profile)
            userAgent.append(domain.userAgents, session.profile * versionVariants * deviceModels.count + session.variant)
        }
        ip.append(maxLength: 15) { p in
            var n = TextEncoding.writeDecimal(UInt64(session.ip.0), to: p)
            p[n] = 0x2e; n += 1
            n += TextEncoding.writeDecimal(UInt64(session.ip.1), to: p + n)
            p[n] = 0x2e; n += 1
            n += TextEncoding.writeDecimal(UInt64(session.ip.2), to: p + n)
            p[n] = 0x2e; n += 1
            n += TextEncoding.writeDecimal(UInt64(session.ip.3), to: p + n)
            return n
        }
        if session.isBot {
            country[row] = UInt32(domain.countryNames.count + session.country)
        } else {
            country[row] = UInt32(session.country)
        }
        screenWidth[row] = session.screenWidth
        screenHeight[row] = session.screenHeight

        if e.query >= 0 {
            searchQuery.append(domain.queryText, e.query)
        } else if e.query == -2 {
            searchQuery.append(maxLength: LongTailQuery.maxLength) { p in LongTailQuery.write(e.page.arg, plus: false, to: p) }
        } else {
            searchQuery.appendNull()
        }
        if e.product >= 0 {
            let digits = domain.productDigits
            productID.append(maxLength: 1 + digits) { p in
                p[0] = 0x50   // "P"
                TextEncoding.writeDecimal(UInt64(e.product), digits: digits, to: p + 1)
                return 1 + digits
            }
        } else {
            productID.appendNull()
        }
        if e.revenueCents >= 0 {
            revenue[row] = Double(e.revenueCents) / 100
        } else {
            revenue[row] = 0
            revenue.setNull(row)
        }
        sincePrevious[row] = e.sincePreviousMs
        isBot[row] = session.isBot ? 1 : 0
        row += 1
    }
}
