import LBDomainKit

extension ClickstreamDomain {
    public func fill(_ batch: Batch) throws {
        let firstGlobal = batch.fileID &* batch.rowsPerFile &+ batch.firstRow
        var writer = Writer(batch, column)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: cartCapacity) { buffer in
            let cart = buffer.baseAddress!
            // Find the session holding the first row.
            var block = firstGlobal / layoutBlock
            let offset = Int(firstGlobal % layoutBlock)
            var position = 0      // session's first row within the block
            var k: UInt64 = 0
            var length = sessionLength(block * layoutBlock, limit: Int(layoutBlock))
            while position + length <= offset {
                position += length
                k += 1
                length = sessionLength(block * layoutBlock + k, limit: Int(layoutBlock) - position)
            }
            var session = Session(self, index: block * layoutBlock + k, firstRow: block * layoutBlock + UInt64(position),
                                  limit: Int(layoutBlock) - position, cart: cart)
            for _ in 0..<(offset - position) { _ = session.advance(self) }

            var row = 0
            while row < batch.rowCount {
                if !session.advance(self) {
                    // Next session: in this block, or the first of the next one.
                    position += session.rows
                    if position >= Int(layoutBlock) {
                        block += 1
                        position = 0
                        k = 0
                    } else {
                        k += 1
                    }
                    session = Session(self, index: block * layoutBlock + k, firstRow: block * layoutBlock + UInt64(position),
                                      limit: Int(layoutBlock) - position, cart: cart)
                    continue
                }
                writer.write(self, session, receivedMicros: rowMicros(firstGlobal + UInt64(row)))
                row += 1
            }
        }
    }
}
