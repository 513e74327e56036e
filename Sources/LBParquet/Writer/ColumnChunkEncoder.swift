/// Builds one column's chunk within a row group: a data page per `append`,
/// kept compressed in page blocks, and at `finish` the dictionary page in
/// front (the policy is `ChunkDictionary`'s).
final class ColumnChunkEncoder {
    let column: ParquetColumn
    let options: WriterOptions
    /// This row group's data pages, in blocks of about `blockBytes`; handed
    /// over at `finish`. Empty between row groups: the next block is taken
    /// at the next page, once the last row group may have been written and
    /// its blocks pooled.
    private var blocks: [ByteBuffer] = []
    private var dictionary: ChunkDictionary
    private let statistics: StatisticsAccumulator
    private var dictionaryPageCount = 0
    private var plainPageCount = 0
    private var numValues: Int64 = 0
    private var nullCount: Int64 = 0
    /// Data pages only, headers included.
    private var uncompressedBytes: Int64 = 0
    /// This chunk goes uncompressed (options.storeIncompressible: its first
    /// data page, PLAIN, did not shrink by an eighth under the codec).
    private var stored = false
    private let storing = PageCompressor(compression: .none)

    /// Where page buffers come from and go back to, with this column's index.
    private let pool: PageBufferPool?
    private let index: Int

    init(column: ParquetColumn, options: WriterOptions, index: Int, pool: PageBufferPool?) {
        self.column = column
        self.options = options
        self.index = index
        self.pool = pool
        dictionary = ChunkDictionary(for: column)
        statistics = StatisticsAccumulator(type: column.type)
    }

    // MARK: Pages

    /// Pages go into blocks rather than one buffer per chunk: a sink that
    /// keeps written bytes alive by reference (S3 parts in flight) then
    /// holds a few MiB past its parts, not a whole chunk of a row group.
    static let blockBytes = 4 << 20

    /// A block with room for `bytes` more: the current one, or a new one
    /// from the pool (it never grows by copying; capacity a small chunk
    /// leaves untouched costs no memory).
    private func block(withRoomFor bytes: Int) -> ByteBuffer {
        if let last = blocks.last, last.capacity - last.count >= bytes { return last }
        let capacity = max(bytes, Self.blockBytes)
        let block = pool?.buffer(column: index, capacity: capacity) ?? ByteBuffer(capacity: capacity)
        blocks.append(block)
        return block
    }

    private var pagesCount: Int { blocks.reduce(0) { $0 + $1.count } }

    func appendPage(
        rowCount: Int, data: ColumnData, scratch: PageScratch, compressor: PageCompressor,
        timings: inout EncoderTimings
    ) throws {
        let started = EncoderTimings.now()
        let body = scratch.body
        body.removeAll()
        let validity = column.nullable ? data.validity : nil
        var present = rowCount

        if column.nullable {
            // Definition levels: 4-byte length, then the hybrid runs (bit width 1).
            body.appendLittleEndian(0)
            if let validity {
                present = HybridEncoder.encodeLevels(validity, count: rowCount, into: body)
            } else if rowCount > 0 {
                HybridEncoder.appendRun(1, count: rowCount, bitWidth: 1, into: body)
            }
            body.base.storeBytes(of: UInt32(body.count - 4).littleEndian, as: UInt32.self)
        }

        var encoding = ParquetFormat.Encoding.plain
        if present > 0 {
            switch dictionary {
            case .labels(let labels):
                try encodeLabels(labels, rowCount: rowCount, present: present, data: data, validity: validity, scratch: scratch)
                encoding = .rleDictionary
            case .building(let values):
                if try encodeDictionaryIndices(values, rowCount: rowCount, present: present, data: data, validity: validity, scratch: scratch) {
                    encoding = .rleDictionary
                } else {
                    dictionary = .fellBack(values)
                    try encodePlain(rowCount: rowCount, data: data, validity: validity, into: body)
                }
            case .none, .fellBack:
                try encodePlain(rowCount: rowCount, data: data, validity: validity, into: body)
            }
        }
        if encoding == .rleDictionary { dictionaryPageCount += 1 } else { plainPageCount += 1 }
        numValues += Int64(rowCount)
        nullCount += Int64(rowCount - present)

        let encoded = EncoderTimings.now()
        timings.encodeNanoseconds &+= encoded &- started
        let firstPage = dictionaryPageCount + plainPageCount == 1
        let kind = PageHeader.Kind.data(numValues: Int32(rowCount), encoding: encoding)
        let pageCompressor = stored ? storing : compressor
        let pages = block(withRoomFor: PageFramer.bound(body: body, compressor: pageCompressor))
        let start = pages.count
        var size = try PageFramer.append(kind, body: body, to: pages, header: &scratch.header,
                                         compressor: pageCompressor)
        // Judged on a PLAIN first page only: then the chunk has no dictionary
        // page, and its other pages are PLAIN too, values like these.
        if firstPage, encoding == .plain, options.storeIncompressible, compressor.codec != .uncompressed, body.count > 0 {
            let (saved, outOf) = WriterOptions.worthCompressing
            if (pages.count - start) * outOf > Int(size) * (outOf - saved) {
                stored = true
                pages.count = start
                size = try PageFramer.append(kind, body: body, to: pages, header: &scratch.header, compressor: storing)
            }
        }
        uncompressedBytes += size
        timings.compressNanoseconds &+= EncoderTimings.now() &- encoded
    }

    /// Tries the dictionary for this page; on success the body holds the
    /// indices' bit width and their hybrid runs. On fallback (false) the
    /// dictionary loses this page's new entries.
    private func encodeDictionaryIndices(
        _ values: ValueDictionary, rowCount: Int, present: Int, data: ColumnData,
        validity: UnsafePointer<UInt8>?, scratch: PageScratch
    ) throws -> Bool {
        scratch.indices.reserve(total: present)
        let indices = scratch.indices.base
        let firstPage = dictionaryPageCount == 0
        let mark = values.count
        let written: Int?
        switch values {
        case .fixed(let dictionary):
            let raw = try requireValues(data)
            var maxEntries = options.dictionaryPageLimit / dictionary.width
            if firstPage { maxEntries = min(maxEntries, present / 2) }
            if dictionary.width == 4 {
                written = dictionary.insert(UInt32.self, values: raw, validity: validity, count: rowCount, maxEntries: maxEntries, indices: indices)
            } else {
                written = dictionary.insert(UInt64.self, values: raw, validity: validity, count: rowCount, maxEntries: maxEntries, indices: indices)
            }
        case .strings(let dictionary):
            let (offsets, bytes) = try requireStrings(data, rowCount: rowCount)
            written = dictionary.insert(
                offsets: offsets, bytes: bytes, validity: validity, count: rowCount,
                maxEntries: firstPage ? present / 2 : Int.max, byteLimit: options.dictionaryPageLimit,
                indices: indices)
        }
        guard let written else {
            values.truncate(to: mark)
            return false
        }
        let bitWidth = HybridEncoder.bitWidth(forMaxValue: UInt64(max(values.count - 1, 0)))
        scratch.body.append(byte: UInt8(bitWidth))
        HybridEncoder.encode(indices, count: written, bitWidth: bitWidth, into: scratch.body)
        return true
    }

    /// A labelled column's page: its rows' entries in the fixed dictionary.
    private func encodeLabels(
        _ dictionary: LabelDictionary, rowCount: Int, present: Int, data: ColumnData,
        validity: UnsafePointer<UInt8>?, scratch: PageScratch
    ) throws {
        let labels = try requireValues(data).assumingMemoryBound(to: UInt32.self)
        if dictionary.isIdentity && validity == nil {
            guard dictionary.markUsed(labels: labels, count: rowCount) else {
                throw ParquetError.invalidInput("column \(column.name) has a label index past its \(dictionary.labelCount) labels")
            }
            scratch.body.append(byte: UInt8(dictionary.bitWidth))
            HybridEncoder.encode(labels, count: rowCount, bitWidth: dictionary.bitWidth, into: scratch.body)
            return
        }
        scratch.indices.reserve(total: rowCount)
        guard let written = dictionary.map(labels: labels, validity: validity, count: rowCount, into: scratch.indices.base) else {
            throw ParquetError.invalidInput("column \(column.name) has a label index past its \(dictionary.labelCount) labels")
        }
        scratch.body.append(byte: UInt8(dictionary.bitWidth))
        HybridEncoder.encode(scratch.indices.base, count: written, bitWidth: dictionary.bitWidth, into: scratch.body)
    }

    private func encodePlain(
        rowCount: Int, data: ColumnData, validity: UnsafePointer<UInt8>?, into body: ByteBuffer
    ) throws {
        let start = body.count
        switch column.type {
        case .boolean:
            let values = try requireValues(data).assumingMemoryBound(to: UInt8.self)
            PlainEncoder.booleans(values: values, validity: validity, count: rowCount, into: body, range: &statistics.booleans)
        case .int32, .date, .float:
            let k = PlainEncoder.fixed(UInt32.self, values: try requireValues(data), validity: validity, count: rowCount, into: body)
            statistics.addFixed(body.base + start, count: k)
        case .int64, .timestampMicros, .double:
            let k = PlainEncoder.fixed(UInt64.self, values: try requireValues(data), validity: validity, count: rowCount, into: body)
            statistics.addFixed(body.base + start, count: k)
        case .string:
            let (offsets, bytes) = try requireStrings(data, rowCount: rowCount)
            let found = PlainEncoder.strings(offsets: offsets, bytes: bytes, validity: validity, count: rowCount, into: body)
            if found.present > 0 {
                let minStart = Int(offsets[found.minRow])
                statistics.addString(bytes + minStart, Int(offsets[found.minRow + 1]) - minStart)
                let maxStart = Int(offsets[found.maxRow])
                statistics.addString(bytes + maxStart, Int(offsets[found.maxRow + 1]) - maxStart)
            }
        }
    }

    private func requireValues(_ data: ColumnData) throws -> UnsafeRawPointer {
        guard let values = data.values else {
            throw ParquetError.invalidInput("column \(column.name) has no values buffer")
        }
        return values
    }

    private func requireStrings(_ data: ColumnData, rowCount: Int) throws -> (UnsafePointer<UInt32>, UnsafePointer<UInt8>) {
        guard let offsets = data.offsets else {
            throw ParquetError.invalidInput("string column \(column.name) has no offsets")
        }
        if offsets[rowCount] < offsets[0] {
            throw ParquetError.invalidInput("string column \(column.name) has decreasing offsets")
        }
        if let bytes = data.bytes { return (offsets, bytes) }
        guard offsets[rowCount] == offsets[0] else {
            throw ParquetError.invalidInput("string column \(column.name) has no bytes")
        }
        // Only empty strings: any valid address will do, nothing is read.
        return (offsets, UnsafeRawPointer(offsets).assumingMemoryBound(to: UInt8.self))
    }

    // MARK: Chunk

    /// The chunk's bytes (dictionary page, then data pages) and its footer
    /// metadata with chunk-relative offsets. Resets for the next row group.
    func finish(
        scratch: PageScratch, compressor: PageCompressor, timings: inout EncoderTimings
    ) throws -> (bytes: ChunkBytes, metadata: ColumnChunkMetadata) {
        if dictionaryPageCount + plainPageCount == 0 {
            // Readers expect at least one data page, even for no rows.
            try appendPage(rowCount: 0, data: ColumnData(), scratch: scratch, compressor: compressor, timings: &timings)
        }
        let prefix = scratch.prefix
        prefix.removeAll()
        var dictionaryUncompressed: Int64 = 0
        if dictionaryPageCount > 0 {
            let started = EncoderTimings.now()
            scratch.body.removeAll()
            let entries: Int
            switch dictionary {
            case .labels(let labels):
                scratch.body.append(labels.plain)
                labels.addUsed(to: statistics)
                entries = labels.entries.count
            case .building(let values), .fellBack(let values):
                values.writePlain(into: scratch.body, statistics: statistics)
                entries = values.count
            case .none:
                entries = 0
            }
            let encoded = EncoderTimings.now()
            timings.encodeNanoseconds &+= encoded &- started
            dictionaryUncompressed = try PageFramer.append(
                .dictionary(numValues: Int32(entries)), body: scratch.body, to: prefix,
                header: &scratch.header, compressor: stored ? storing : compressor)
            timings.compressNanoseconds &+= EncoderTimings.now() &- encoded
        }

        let total = prefix.count + pagesCount
        let bytes = ChunkBytes(dictionaryPage: prefix.toArray(), pages: blocks.filter { $0.count > 0 })

        var encodings: [ParquetFormat.Encoding] = []
        if dictionaryPageCount > 0 || plainPageCount > 0 { encodings.append(.plain) }
        if column.nullable { encodings.append(.rle) }
        if dictionaryPageCount > 0 { encodings.append(.rleDictionary) }

        let metadata = ColumnChunkMetadata(
            physicalType: column.type.physicalType,
            encodings: encodings,
            codec: stored ? .uncompressed : compressor.codec,
            numValues: numValues,
            totalUncompressedSize: dictionaryUncompressed + uncompressedBytes,
            totalCompressedSize: Int64(total),
            dataPageOffset: Int64(prefix.count),
            dictionaryPageOffset: dictionaryPageCount > 0 ? 0 : nil,
            statistics: statistics.result(nullCount: nullCount, maxValueSize: options.statisticsMaxValueSize))
        reset()
        return (bytes, metadata)
    }

    private func reset() {
        // The handed-over blocks go back to the pool (or are freed) once
        // written; this encoder holds no second set.
        blocks = []
        dictionary.reset()
        statistics.reset()
        dictionaryPageCount = 0
        plainPageCount = 0
        numValues = 0
        nullCount = 0
        uncompressedBytes = 0
        stored = false
    }
}
