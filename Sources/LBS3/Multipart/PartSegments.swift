import LBHTTP

/// The bytes of one part as segments, each with what keeps its memory alive.
struct PartSegments {
    private(set) var segments: [UnsafeRawBufferPointer] = []
    private var owners: [AnyObject] = []
    private(set) var count = 0

    mutating func append(_ bytes: UnsafeRawBufferPointer, owner: AnyObject) {
        segments.append(bytes)
        count += bytes.count
        if owners.last !== owner { owners.append(owner) }
    }

    var body: HTTPBody { HTTPBody(segments) }
}
