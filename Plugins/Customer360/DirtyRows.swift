import CLBDomain
import LBDomainKit

/// The dirty rows of one file: for each of email, phone, city and state,
/// exactly floor(rows_in_file × dirty_ratio) rows, picked by a keyed
/// bijection of the file's rows so that any batch can test its own.
struct DirtyRows {
    /// Salts that keep the four columns' picks apart.
    private enum Salt {
        static let email: UInt64 = 0xe4a11, phone: UInt64 = 0x9409e, city: UInt64 = 0xc171, state: UInt64 = 0x57a7e
    }

    let count: UInt64
    private let emailRows, phoneRows, cityRows, stateRows: IndexPermutation

    init(_ batch: Batch, ratio: Double) {
        count = UInt64((Double(batch.rowsInFile) * ratio).rounded(.down))
        let fileKey = lb_stream_seed(batch.seed, batch.fileID)
        emailRows = IndexPermutation(count: batch.rowsInFile, key: lb_stream_seed(fileKey, Salt.email))
        phoneRows = IndexPermutation(count: batch.rowsInFile, key: lb_stream_seed(fileKey, Salt.phone))
        cityRows = IndexPermutation(count: batch.rowsInFile, key: lb_stream_seed(fileKey, Salt.city))
        stateRows = IndexPermutation(count: batch.rowsInFile, key: lb_stream_seed(fileKey, Salt.state))
    }

    func email(_ fileRow: UInt64) -> Bool { emailRows(fileRow) < count }
    func phone(_ fileRow: UInt64) -> Bool { phoneRows(fileRow) < count }
    func city(_ fileRow: UInt64) -> Bool { cityRows(fileRow) < count }
    func state(_ fileRow: UInt64) -> Bool { stateRows(fileRow) < count }
}
