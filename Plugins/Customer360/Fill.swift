import CLBDomain
import LBDomainKit

/// Interaction types by index in `Vocabulary.interactionTypes`.
private let purchase = 0, browse = 1, support = 2, login = 3

/// A batch's random streams, one per group of columns.
enum Stream {
    static let identity: UInt64 = 0, contact: UInt64 = 1, interaction: UInt64 = 2, context: UInt64 = 3, loyalty: UInt64 = 4, text: UInt64 = 5
}

extension Customer360 {
    /// A batch is filled a group of columns at a time, each group in a loop
    /// of its own with its own random stream: a loop keeps only its few
    /// columns' state in registers, where one loop over all 41 columns
    /// spilled most of it. Later groups read what earlier ones wrote (the
    /// customer, the interaction type, the amount).
    func fill(_ batch: Batch) throws {
        let dirty = DirtyRows(batch, ratio: dirtyRatio)
        fillIdentity(batch)
        fillContact(batch, dirty: dirty)
        fillInteraction(batch)
        fillContext(batch, dirty: dirty)
        fillLoyalty(batch)
        fillText(batch)
    }

    /// id, row_id, event_timestamp, customer_id.
    private func fillIdentity(_ batch: Batch) {
        var random = batch.stream(Stream.identity)
        let id = batch[column.id], rowID = batch[column.rowID]
        let timestamp = batch[column.eventTimestamp], customerID = batch[column.customerID]
        let firstGlobalRow = Int64(bitPattern: batch.fileID &* batch.rowsPerFile &+ batch.firstRow)
        for row in 0..<batch.rowCount {
            let globalRow = firstGlobalRow &+ Int64(row)
            id[row] = globalRow
            rowID[row] = globalRow
            timestamp[row] = timestampStart &+ Int64(random.next(below: timestampSpan))
            let draw = zipf.draw(&random)
            customerID[row] = Int64(draw < customerModulus ? draw : draw % customerModulus)  // the division is rarely needed
        }
    }

    /// interaction_type and the columns that depend on it: product, amount,
    /// page views, cart and support columns.
    private func fillInteraction(_ batch: Batch) {
        var random = batch.stream(Stream.interaction)
        let interaction = batch[column.interactionType]
        var productID = batch[column.productID]
        let productCategory = batch[column.productCategory]
        let amountColumn = batch[column.transactionAmount]
        let pageViews = batch[column.pageViews], timeOnSite = batch[column.timeOnSite]
        let bounceRate = batch[column.bounceRate], clickCount = batch[column.clickCount]
        let cartValue = batch[column.cartValue], itemsInCart = batch[column.itemsInCart]
        var ticketID = batch[column.supportTicketID]
        let issueCategory = batch[column.issueCategory]
        let satisfaction = batch[column.satisfactionScore]
        let literals = Literal.table
        for row in 0..<batch.rowCount {
            let kind = interactions.pick(&random)
            interaction[row] = UInt32(kind)
            let engaged = kind != login && kind != support
            if engaged {
                let product = 10000 &+ random.next(below: 89999)
                appendCode(&productID, literals, Literal.productPrefix, product, digits: 5)  // 10000-99998
                productCategory[row] = UInt32(productCategories.pick(&random))
                clickCount[row] = Int32(1 &+ random.next(below: 100))
                cartValue[row] = Double(random.next(below: 1_000_000)) / 100
                itemsInCart[row] = Int32(random.next(below: 21))
            } else {
                productID.appendNull()
                productCategory.setNull(row)
                clickCount[row] = 0
                clickCount.setNull(row)
                cartValue[row] = .nan  // the reference writes NaN here, not null
                itemsInCart[row] = 0
                itemsInCart.setNull(row)
            }

            var amount = 0.0
            if kind == purchase {
                let draw = self.amount.drawLogNormal(&random)
                amount = (min(max(draw, 1.0), 9999.99) * 100).rounded() / 100
            }
            amountColumn[row] = amount

            let views: Int32 = kind == browse || kind == purchase ? Int32(1 &+ random.next(below: 20)) : 0
            pageViews[row] = views
            timeOnSite[row] = views > 0 ? Int32(30 &+ random.next(below: 3600)) : 0
            bounceRate[row] = views == 1 ? 1.0 : 0.0

            if kind == support {
                let ticket = 10000 &+ random.next(below: 90000)
                appendCode(&ticketID, literals, Literal.ticketPrefix, ticket, digits: 5)  // 10000-99999
                issueCategory[row] = UInt32(issueCategories.pick(&random))
                satisfaction[row] = Int32(1 &+ random.next(below: 5))
            } else {
                ticketID.appendNull()
                issueCategory.setNull(row)
                satisfaction[row] = 0
                satisfaction.setNull(row)
            }
        }
    }

    /// Where and how: currency, channel, device, browser, IP, city, state,
    /// zip, campaign, data source, quality flag, user agent.
    private func fillContext(_ batch: Batch, dirty: DirtyRows) {
        var random = batch.stream(Stream.context)
        let currency = batch[column.currency], channel = batch[column.channel], deviceType = batch[column.deviceType], browser = batch[column.browser]
        var ipAddress = batch[column.ipAddress]
        let city = batch[column.cityRaw], state = batch[column.stateRaw]
        var zipCode = batch[column.zipCode]
        var campaignID = batch[column.campaignID]
        let utmSource = batch[column.utmSource], utmMedium = batch[column.utmMedium]
        let dataSource = batch[column.dataSource], qualityFlag = batch[column.dataQualityFlag]
        let userAgent = batch[column.rawUserAgent]
        let literals = Literal.table
        for row in 0..<batch.rowCount {
            let fileRow = batch.firstRow &+ UInt64(row)
            let dirtyCity = dirty.city(fileRow), dirtyState = dirty.state(fileRow)

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
            city[row] = UInt32(dirtyCity ? 22 + pair : pair)
            state[row] = UInt32(dirtyState ? 22 + 4 * pair + Int(random.next(below: 4)) : pair)
            let zip = 10000 &+ random.next(below: 89999)
            zipCode.append(maxLength: 5) { TextEncoding.writeDecimal(zip, digits: 5, to: $0); return 5 }

            if random.chance(campaignRatio) {
                let campaign = 100 &+ random.next(below: 900)
                appendCode(&campaignID, literals, Literal.campaignPrefix, campaign, digits: 3)  // 100-999
                utmSource[row] = UInt32(utmSources.pick(&random))
                utmMedium[row] = UInt32(utmMediums.pick(&random))
            } else {
                campaignID.appendNull()
                utmSource.setNull(row)
                utmMedium.setNull(row)
            }

            dataSource[row] = UInt32(dataSources.pick(&random))
            qualityFlag[row] = UInt32(qualityFlags.pick(&random))

            userAgent[row] = userAgents.pick(&random)
        }
    }

    /// loyalty_member and loyalty_tier, the customer's (see `Loyalty`);
    /// points follow the row's purchase.
    private func fillLoyalty(_ batch: Batch) {
        var random = batch.stream(Stream.loyalty)
        let customerID = batch[column.customerID], interaction = batch[column.interactionType]
        let amountColumn = batch[column.transactionAmount]
        let loyaltyMember = batch[column.loyaltyMember]
        let loyaltyTier = batch[column.loyaltyTier]
        let pointsEarned = batch[column.pointsEarned], pointsRedeemed = batch[column.pointsRedeemed]
        for row in 0..<batch.rowCount {
            let tier = loyalty.tier(of: UInt64(bitPattern: customerID[row]))
            loyaltyMember[row] = tier != nil
            if let tier {
                loyaltyTier[row] = UInt32(tier)
                pointsEarned[row] = interaction[row] == UInt32(purchase) ? Int32(amountColumn[row] * 10) : 0
                pointsRedeemed[row] = random.chance(0.1) ? Int32(100 &+ random.next(below: 900)) : 0
            } else {
                loyaltyTier.setNull(row)
                pointsEarned[row] = 0
                pointsRedeemed[row] = 0
            }
        }
    }

    /// event_id, session_id, session_fingerprint, interaction_payload:
    /// random text, a column at a time.
    private func fillText(_ batch: Batch) {
        var text = batch.stream(Stream.text)
        let rows = batch.rowCount
        var eventID = batch[column.eventID], sessionID = batch[column.sessionID]
        var fingerprint = batch[column.sessionFingerprint], payload = batch[column.interactionPayload]
        for _ in 0..<rows {
            eventID.append(maxLength: 36) { TextEncoding.writeUUID(to: $0, random: &text); return 36 }
        }
        for _ in 0..<rows {
            sessionID.append(maxLength: 36) { TextEncoding.writeUUID(to: $0, random: &text); return 36 }
        }
        for _ in 0..<rows {
            fingerprint.append(maxLength: 64) { TextEncoding.writeRandomHex(byteCount: 32, to: $0, random: &text); return 64 }
        }
        let payloadBytes = self.payloadBytes
        for _ in 0..<rows {
            payload.append(maxLength: 2 * payloadBytes) {
                TextEncoding.writeRandomHex(byteCount: payloadBytes, to: $0, random: &text)
                return 2 * payloadBytes
            }
        }
    }
}

/// A literal prefix, then `number` in exactly `digits` digits (PRD12345).
@inline(__always)
private func appendCode(_ column: inout StringColumn, _ literals: TextTable, _ prefix: Int, _ number: UInt64, digits: Int) {
    column.append(maxLength: literals.length(prefix) + digits) { p in
        let n = literals.write(prefix, to: p)
        TextEncoding.writeDecimal(number, digits: digits, to: p + n)
        return n + digits
    }
}
