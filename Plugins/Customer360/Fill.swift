import CLBDomain
import LBDomainKit

/// Interaction types by index in `Vocabulary.interactionTypes`.
private let purchase = 0, browse = 1, support = 2, login = 3

/// Literal fragments of generated text. A global is read through a lazy
/// initializer, so `fill` copies it (and other tables) to locals once.
private let literalTable = TextTable(["user", ".DUPLICATE", "@", "PRD", "TKT", "CMP", ".at.", "+1", "+1-"])
private let user = 0, duplicateMark = 1, at = 2, productPrefix = 3, ticketPrefix = 4, campaignPrefix = 5,
    dotAt = 6, plusOne = 7, plusOneDash = 8

/// Salts that keep per-purpose keys apart.
private enum Salt {
    static let loyalty: UInt64 = 0x10ca1
    static let dirtyEmail: UInt64 = 0xe4a11, dirtyPhone: UInt64 = 0x9409e, dirtyCity: UInt64 = 0xc171, dirtyState: UInt64 = 0x57a7e
}

extension Customer360 {
    func fill(_ batch: Batch) throws {
        let rows = batch.rowCount
        var random = batch.stream(0)
        var text = batch.stream(1)
        var dirt = batch.stream(2)

        // Exactly floor(rows_in_file × dirty_ratio) rows of the file are dirty
        // per column; a keyed bijection lets each batch test its own rows.
        let dirtyCount = UInt64((Double(batch.rowsInFile) * dirtyRatio).rounded(.down))
        let fileKey = lb_stream_seed(batch.seed, batch.fileID)
        let dirtyEmail = IndexPermutation(count: batch.rowsInFile, key: lb_stream_seed(fileKey, Salt.dirtyEmail))
        let dirtyPhone = IndexPermutation(count: batch.rowsInFile, key: lb_stream_seed(fileKey, Salt.dirtyPhone))
        let dirtyCity = IndexPermutation(count: batch.rowsInFile, key: lb_stream_seed(fileKey, Salt.dirtyCity))
        let dirtyState = IndexPermutation(count: batch.rowsInFile, key: lb_stream_seed(fileKey, Salt.dirtyState))

        let id = batch.fixed(0, as: Int64.self), rowID = batch.fixed(1, as: Int64.self)
        let timestamp = batch.fixed(2, as: Int64.self)
        var eventID = batch.string(3), sessionID = batch.string(4)
        let customerID = batch.fixed(5, as: Int64.self)
        var email = batch.string(6), phone = batch.string(7)
        let interaction = batch.category(8)
        var productID = batch.string(9)
        let productCategory = batch.category(10)
        let amountColumn = batch.fixed(11, as: Double.self)
        let currency = batch.category(12), channel = batch.category(13), deviceType = batch.category(14), browser = batch.category(15)
        var ipAddress = batch.string(16)
        let city = batch.category(17), state = batch.category(18)
        var zipCode = batch.string(19)
        let pageViews = batch.fixed(20, as: Int32.self), timeOnSite = batch.fixed(21, as: Int32.self)
        let bounceRate = batch.fixed(22, as: Double.self), clickCount = batch.fixed(23, as: Int32.self)
        let cartValue = batch.fixed(24, as: Double.self), itemsInCart = batch.fixed(25, as: Int32.self)
        var ticketID = batch.string(26)
        let issueCategory = batch.category(27)
        let satisfaction = batch.fixed(28, as: Int32.self)
        var campaignID = batch.string(29)
        let utmSource = batch.category(30), utmMedium = batch.category(31)
        let loyaltyMember = batch.fixed(32, as: Bool.self)
        let loyaltyTier = batch.category(33)
        let pointsEarned = batch.fixed(34, as: Int32.self), pointsRedeemed = batch.fixed(35, as: Int32.self)
        let dataSource = batch.category(36), qualityFlag = batch.category(37)
        let userAgent = batch.category(38)
        var fingerprint = batch.string(39), payload = batch.string(40)

        let loyaltyKey = lb_stream_seed(batch.seed, Salt.loyalty)
        let firstGlobalRow = Int64(bitPattern: batch.fileID &* batch.rowsPerFile &+ batch.firstRow)
        let payloadBytes = self.payloadBytes
        let literals = literalTable
        // "user" + 6 digits + ".DUPLICATE" + "@" + domain, plus room for the dirty forms.
        let emailMaxLength = 32 + emailDomains.longestLabel

        for row in 0..<rows {
            // The four dirty-row tests side by side, so their multiply chains overlap.
            let fileRow = batch.firstRow &+ UInt64(row)
            let dirtyEmailRow = dirtyEmail(fileRow) < dirtyCount, dirtyPhoneRow = dirtyPhone(fileRow) < dirtyCount
            let dirtyCityRow = dirtyCity(fileRow) < dirtyCount, dirtyStateRow = dirtyState(fileRow) < dirtyCount
            let globalRow = firstGlobalRow &+ Int64(row)
            id[row] = globalRow
            rowID[row] = globalRow
            timestamp[row] = timestampStart &+ Int64(random.next(below: timestampSpan))
            eventID.append(maxLength: 36) { TextEncoding.writeUUID(to: $0, random: &text); return 36 }
            sessionID.append(maxLength: 36) { TextEncoding.writeUUID(to: $0, random: &text); return 36 }

            let customer = zipf.draw(&random) % customerModulus
            customerID[row] = Int64(customer)

            // Email: user<n>@<domain>, maybe .DUPLICATE, maybe corrupted.
            let emailNumber = 1000 &+ random.next(below: 999_999 - 1000)
            let emailDomain = emailDomains.pick(&random)
            let duplicate = random.chance(duplicateEmailRatio)
            let emailMode = dirtyEmailRow ? Int(dirt.next(below: 6)) : -1
            email.append(maxLength: emailMaxLength) { p in
                writeEmail(literals, number: emailNumber, domain: emailDomains.labels, emailDomain, duplicate: duplicate, mode: emailMode, to: p)
            }

            // Phone: clean in one of two formats, or a fresh number corrupted.
            let phoneFormat = random.next(below: 2)
            var area = 200 &+ random.next(below: 799), prefix = 200 &+ random.next(below: 799)
            var line = 1000 &+ random.next(below: 8999)
            let phoneMode: Int
            if dirtyPhoneRow {
                area = 200 &+ dirt.next(below: 799)
                prefix = 200 &+ dirt.next(below: 799)
                line = 1000 &+ dirt.next(below: 8999)
                phoneMode = Int(dirt.next(below: 4))
            } else {
                phoneMode = -1 - Int(phoneFormat)
            }
            phone.append(maxLength: 16) { p in writePhone(literals, area: area, prefix: prefix, line: line, mode: phoneMode, to: p) }

            let kind = interactions.pick(&random)
            interaction[row] = UInt32(kind)
            let engaged = kind != login && kind != support
            if engaged {
                let product = 10000 &+ random.next(below: 89999)
                productID.append(maxLength: 8) { p in
                    let n = literals.write(productPrefix, to: p)
                    TextEncoding.writeDecimal(product, digits: 5, to: p + n)  // 10000-99998
                    return n + 5
                }
                productCategory[row] = UInt32(productCategories.pick(&random))
            } else {
                productID.appendNull()
                productCategory.setNull(row)
            }

            var amount = 0.0
            if kind == purchase {
                let draw = self.amount.drawLogNormal(&random)
                amount = (min(max(draw, 1.0), 9999.99) * 100).rounded() / 100
            }
            amountColumn[row] = amount
            currency[row] = UInt32(currencies.pick(&random))
            let channelIndex = channels.pick(&random)
            channel[row] = UInt32(channelIndex)
            if channelIndex == 2 || channelIndex == 3 {  // store, call_center: no device
                deviceType.setNull(row)
                browser.setNull(row)
            } else {
                deviceType[row] = UInt32(devices.pick(&random))
                browser[row] = UInt32(browsers.pick(&random))
            }

            let octets = (1 &+ random.next(below: 254), random.next(below: 255), random.next(below: 255), 1 &+ random.next(below: 253))
            ipAddress.append(maxLength: 16) { p in  // 15, and room for the last octet's 4-byte store
                var n = TextEncoding.writeSmallDecimal(octets.0, to: p)
                p[n] = 46; n += 1
                n += TextEncoding.writeSmallDecimal(octets.1, to: p + n)
                p[n] = 46; n += 1
                n += TextEncoding.writeSmallDecimal(octets.2, to: p + n)
                p[n] = 46; n += 1
                return n + TextEncoding.writeSmallDecimal(octets.3, to: p + n)
            }

            let pair = Int(random.next(below: 22))
            city[row] = UInt32(dirtyCityRow ? 22 + pair : pair)
            state[row] = UInt32(dirtyStateRow ? 22 + 4 * pair + Int(dirt.next(below: 4)) : pair)
            let zip = 10000 &+ random.next(below: 89999)
            zipCode.append(maxLength: 5) { TextEncoding.writeDecimal(zip, digits: 5, to: $0); return 5 }

            let views: Int32 = kind == browse || kind == purchase ? Int32(1 &+ random.next(below: 20)) : 0
            pageViews[row] = views
            timeOnSite[row] = views > 0 ? Int32(30 &+ random.next(below: 3600)) : 0
            bounceRate[row] = views == 1 ? 1.0 : 0.0
            if engaged {
                clickCount[row] = Int32(1 &+ random.next(below: 100))
                cartValue[row] = Double(random.next(below: 1_000_000)) / 100
                itemsInCart[row] = Int32(random.next(below: 21))
            } else {
                clickCount[row] = 0
                clickCount.setNull(row)
                cartValue[row] = .nan  // the reference writes NaN here, not null
                itemsInCart[row] = 0
                itemsInCart.setNull(row)
            }

            if kind == support {
                let ticket = 10000 &+ random.next(below: 90000)
                ticketID.append(maxLength: 8) { p in
                    let n = literals.write(ticketPrefix, to: p)
                    TextEncoding.writeDecimal(ticket, digits: 5, to: p + n)  // 10000-99999
                    return n + 5
                }
                issueCategory[row] = UInt32(issueCategories.pick(&random))
                satisfaction[row] = Int32(1 &+ random.next(below: 5))
            } else {
                ticketID.appendNull()
                issueCategory.setNull(row)
                satisfaction[row] = 0
                satisfaction.setNull(row)
            }

            if random.chance(campaignRatio) {
                let campaign = 100 &+ random.next(below: 900)
                campaignID.append(maxLength: 6) { p in
                    let n = literals.write(campaignPrefix, to: p)
                    TextEncoding.writeDecimal(campaign, digits: 3, to: p + n)  // 100-999
                    return n + 3
                }
                utmSource[row] = UInt32(utmSources.pick(&random))
                utmMedium[row] = UInt32(utmMediums.pick(&random))
            } else {
                campaignID.appendNull()
                utmSource.setNull(row)
                utmMedium.setNull(row)
            }

            // Loyalty belongs to the customer: derived from (seed, id) alone.
            var loyalty = RandomStream(seed: lb_stream_seed(loyaltyKey, customer))  // = RandomStream(entity:seed:salt:)
            let member = loyalty.chance(membershipRatio)
            loyaltyMember[row] = member
            if member {
                loyaltyTier[row] = UInt32(tiers.pick(&loyalty))
                pointsEarned[row] = kind == purchase ? Int32(amount * 10) : 0
                pointsRedeemed[row] = random.chance(0.1) ? Int32(100 &+ random.next(below: 900)) : 0
            } else {
                loyaltyTier.setNull(row)
                pointsEarned[row] = 0
                pointsRedeemed[row] = 0
            }

            dataSource[row] = UInt32(dataSources.pick(&random))
            qualityFlag[row] = UInt32(qualityFlags.pick(&random))

            let agentBrowser = browsers.pick(&random), agentVersion = random.next(below: UInt64(UserAgents.versions))
            let agentDevice = devices.pick(&random), agentOS = operatingSystems.pick(&random)
            userAgent[row] = userAgents.index(browser: agentBrowser, version: Int(agentVersion), device: agentDevice, os: agentOS)

            fingerprint.append(maxLength: 64) { TextEncoding.writeRandomHex(byteCount: 32, to: $0, random: &text); return 64 }
            payload.append(maxLength: 2 * payloadBytes) {
                TextEncoding.writeRandomHex(byteCount: payloadBytes, to: $0, random: &text)
                return 2 * payloadBytes
            }
        }
    }
}

/// Writes `user<n>[.DUPLICATE]@<domain>`, then corrupts it in place by
/// `mode` (-1: clean): 0 no @, 1 upper case, 2 padded with two spaces,
/// 3 @@, 4 TLD dropped, 5 @ → .at.
@inline(__always)
private func writeEmail(_ literals: TextTable, number: UInt64, domain domains: TextTable, _ domain: Int, duplicate: Bool, mode: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
    var n = literals.write(user, to: p)
    let digits = 4 + (number >= 10_000 ? 1 : 0) + (number >= 100_000 ? 1 : 0)  // 1000-999998
    TextEncoding.writeDecimal(number, digits: digits, to: p + n)
    n += digits
    if duplicate { n += literals.write(duplicateMark, to: p + n) }
    let atIndex = n
    p[n] = 64; n += 1
    n += domains.write(domain, to: p + n)
    switch mode {
    case 0:
        (p + atIndex).update(from: p + atIndex + 1, count: n - atIndex - 1)
        return n - 1
    case 1:
        for i in 0..<n where p[i] >= 97 && p[i] <= 122 { p[i] -= 32 }
        return n
    case 2:
        (p + 2).update(from: p, count: n)  // overlapping: update moves like memmove
        p[0] = 32; p[1] = 32; p[n + 2] = 32; p[n + 3] = 32
        return n + 4
    case 3:
        (p + atIndex + 1).update(from: p + atIndex, count: n - atIndex)
        return n + 1
    case 4:
        var dot = n - 1
        while dot > atIndex && p[dot] != 46 { dot -= 1 }
        return dot > atIndex ? dot : n
    case 5:
        (p + atIndex + 4).update(from: p + atIndex + 1, count: n - atIndex - 1)
        _ = literals.write(dotAt, to: p + atIndex)
        return n + 3
    default:
        return n
    }
}

/// Writes a phone number. Clean (mode -1, -2): +1AAAPPPLLLL or (AAA) PPP-LLLL.
/// Dirty: 0 digits only, 1 +1-AAA-PPP-LLLL, 2 area and prefix only,
/// 3 digits with the first 0 as the letter O.
@inline(__always)
private func writePhone(_ literals: TextTable, area: UInt64, prefix: UInt64, line: UInt64, mode: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
    switch mode {
    case -1:
        let n = literals.write(plusOne, to: p)
        TextEncoding.writeDecimal(area, digits: 3, to: p + n)
        TextEncoding.writeDecimal(prefix, digits: 3, to: p + n + 3)
        TextEncoding.writeDecimal(line, digits: 4, to: p + n + 6)
        return n + 10
    case -2:
        p[0] = 40
        TextEncoding.writeDecimal(area, digits: 3, to: p + 1)
        p[4] = 41; p[5] = 32
        TextEncoding.writeDecimal(prefix, digits: 3, to: p + 6)
        p[9] = 45
        TextEncoding.writeDecimal(line, digits: 4, to: p + 10)
        return 14
    case 1:
        let n = literals.write(plusOneDash, to: p)
        TextEncoding.writeDecimal(area, digits: 3, to: p + n)
        p[n + 3] = 45
        TextEncoding.writeDecimal(prefix, digits: 3, to: p + n + 4)
        p[n + 7] = 45
        TextEncoding.writeDecimal(line, digits: 4, to: p + n + 8)
        return n + 12
    case 2:
        TextEncoding.writeDecimal(area, digits: 3, to: p)
        TextEncoding.writeDecimal(prefix, digits: 3, to: p + 3)
        return 6
    default:  // 0 and 3
        TextEncoding.writeDecimal(area, digits: 3, to: p)
        TextEncoding.writeDecimal(prefix, digits: 3, to: p + 3)
        TextEncoding.writeDecimal(line, digits: 4, to: p + 6)
        if mode == 3, let zero = (0..<10).first(where: { p[$0] == 48 }) { p[zero] = 79 }
        return 10
    }
}
