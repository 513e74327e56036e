import LBDomainKit

/// Literal fragments of generated text, by index in `table`. A global is
/// read through a lazy initializer, so fills copy `table` to a local once.
enum Literal {
    static let table = TextTable(["user", ".DUPLICATE", "PRD", "TKT", "CMP", ".at.", "+1", "+1-"])
    static let user = 0, duplicateMark = 1, productPrefix = 2, ticketPrefix = 3, campaignPrefix = 4,
        dotAt = 5, plusOne = 6, plusOneDash = 7
}
