import LBDomainKit
import XCTest

final class RandomStreamTests: XCTestCase {
    func testSameSeedSameSequence() {
        var a = RandomStream(seed: 42), b = RandomStream(seed: 42), c = RandomStream(seed: 43)
        let first = (0..<8).map { _ in a.next() }
        XCTAssertEqual(first, (0..<8).map { _ in b.next() })
        XCTAssertNotEqual(first, (0..<8).map { _ in c.next() })
    }

    func testBoundedDrawsAreInRangeAndUniform() {
        var random = RandomStream(seed: 1)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[Int(random.next(below: 7))] += 1 }
        for count in counts { XCTAssertEqual(Double(count), 10_000, accuracy: 400) }
        for _ in 0..<1000 {
            let unit = random.unit()
            XCTAssert(unit >= 0 && unit < 1)
            XCTAssert((5...9).contains(random.int(in: 5...9)))
        }
    }

    func testEntityStreamsDependOnSeedIDAndSaltOnly() {
        var a = RandomStream(entity: 17, seed: 42, salt: 1), b = RandomStream(entity: 17, seed: 42, salt: 1)
        var otherID = RandomStream(entity: 18, seed: 42, salt: 1), otherSalt = RandomStream(entity: 17, seed: 42, salt: 2)
        let value = a.next()
        XCTAssertEqual(value, b.next())
        XCTAssertNotEqual(value, otherID.next())
        XCTAssertNotEqual(value, otherSalt.next())
    }

    func testFillWritesEveryByte() {
        var random = RandomStream(seed: 9)
        var bytes = [UInt8](repeating: 0, count: 37)
        bytes.withUnsafeMutableBytes { random.fill($0.baseAddress!, count: 37) }
        XCTAssertGreaterThan(Set(bytes).count, 20)
        XCTAssertNotEqual(bytes.last, 0)
    }
}
