import CLBDomain
import LBDomainKit

extension Customer360 {
    /// email_raw and phone_raw, corrupted on their dirty rows.
    func fillContact(_ batch: Batch, dirty: DirtyRows) {
        var random = batch.stream(Stream.contact)
        var email = batch[column.emailRaw], phone = batch[column.phoneRaw]
        let literals = Literal.table
        // "user" + 6 digits + ".DUPLICATE" + "@" + domain, plus room for the dirty forms.
        let emailMaxLength = 32 + emailDomains.longestLabel
        for row in 0..<batch.rowCount {
            let fileRow = batch.firstRow &+ UInt64(row)
            let dirtyEmail = dirty.email(fileRow), dirtyPhone = dirty.phone(fileRow)

            // Email: user<n>@<domain>, maybe .DUPLICATE, maybe corrupted.
            let emailNumber = 1000 &+ random.next(below: 999_999 - 1000)
            let emailDomain = emailDomains.pick(&random)
            let duplicate = random.chance(duplicateEmailRatio)
            let emailMode = dirtyEmail ? Int(random.next(below: 6)) : -1
            email.append(maxLength: emailMaxLength) { p in
                writeEmail(literals, number: emailNumber, domain: emailDomains.labels, emailDomain, duplicate: duplicate, mode: emailMode, to: p)
            }

            // Phone: clean in one of two formats, or a fresh number corrupted.
            let phoneFormat = random.next(below: 2)
            var area = 200 &+ random.next(below: 799), prefix = 200 &+ random.next(below: 799)
            var line = 1000 &+ random.next(below: 8999)
            let phoneMode: Int
            if dirtyPhone {
                area = 200 &+ random.next(below: 799)
                prefix = 200 &+ random.next(below: 799)
                line = 1000 &+ random.next(below: 8999)
                phoneMode = Int(random.next(below: 4))
            } else {
                phoneMode = -1 - Int(phoneFormat)
            }
            phone.append(maxLength: 16) { p in writePhone(literals, area: area, prefix: prefix, line: line, mode: phoneMode, to: p) }
        }
    }
}

/// Writes `user<n>[.DUPLICATE]@<domain>`, then corrupts it in place by
/// `mode` (-1: clean): 0 no @, 1 upper case, 2 padded with two spaces,
/// 3 @@, 4 TLD dropped, 5 @ → .at.
@inline(__always)
private func writeEmail(_ literals: TextTable, number: UInt64, domain domains: TextTable, _ domain: Int, duplicate: Bool, mode: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
    var n = literals.write(Literal.user, to: p)
    let digits = 4 + (number >= 10_000 ? 1 : 0) + (number >= 100_000 ? 1 : 0)  // 1000-999998
    TextEncoding.writeDecimal(number, digits: digits, to: p + n)
    n += digits
    if duplicate { n += literals.write(Literal.duplicateMark, to: p + n) }
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
        _ = literals.write(Literal.dotAt, to: p + atIndex)
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
        let n = literals.write(Literal.plusOne, to: p)
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
        let n = literals.write(Literal.plusOneDash, to: p)
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
