import LBDomainKit

/// Literal fragments of generated text, by index in `table`. A global is
/// read through a lazy initializer, so fills copy `table` to a local once.
enum Literal {
    static let table = TextTable(["user", ".DUPLICATE", "@", "PRD", "TKT", "CMP", ".at.", "+1", "+1-"])
    static let user = 0, duplicateMark = 1, at = 2, productPrefix = 3, ticketPrefix = 4, campaignPrefix = 5,
        dotAt = 6, plusOne = 7, plusOneDash = 8
}
