@testable import LBDomainKit
import XCTest

final class DistributionTests: XCTestCase {
    func testWeightedChoiceFollowsWeights() {
        let weights = [0.18, 0.35, 0.12, 0.20, 0.15, 0]
        let choice = WeightedChoice(weights: weights)
        var random = RandomStream(seed: 5)
        var counts = [Int](repeating: 0, count: weights.count)
        let draws = 200_000
        for _ in 0..<draws { counts[choice.pick(&random)] += 1 }
        for (count, weight) in zip(counts, weights) {
            XCTAssertEqual(Double(count) / Double(draws), weight, accuracy: 0.005)
        }
        XCTAssertEqual(counts.last, 0, "a zero weight is never picked")
    }

    func testZipfMatchesTheory() {
        // P(x) = x^-alpha / zeta(alpha): the alias table gives values below
        // 256, the confined rejection method the tail.
        for (alpha, zeta) in [(1.5, 2.612375), (2.0, 1.644934), (1.8, 1.882230)] {
            let zipf = Zipf(alpha: alpha)
            XCTAssertEqual(Zipf.zeta(alpha), zeta, accuracy: 1e-6)
            var random = RandomStream(seed: 3)
            let draws = 400_000
            var ones = 0, twos = 0, tail = 0, nearTail = 0
            for _ in 0..<draws {
                let value = zipf.draw(&random)
                XCTAssertGreaterThanOrEqual(value, 1)
                if value == 1 { ones += 1 }
                if value == 2 { twos += 1 }
                if value >= 256 { tail += 1 }
                if value >= 256 && value < 512 { nearTail += 1 }
            }
            let pmf = { (x: Int) in pow(Double(x), -alpha) / zeta }
            let tailShare = 1 - (1..<256).reduce(0) { $0 + pmf($1) }
            let nearTailShare = (256..<512).reduce(0) { $0 + pmf($1) }
            XCTAssertEqual(Double(ones) / Double(draws), pmf(1), accuracy: 0.005, "alpha \(alpha)")
            XCTAssertEqual(Double(twos) / Double(draws), pmf(2), accuracy: 0.005, "alpha \(alpha)")
            XCTAssertEqual(Double(tail) / Double(draws), tailShare, accuracy: max(0.002, tailShare * 0.05), "alpha \(alpha)")
            XCTAssertEqual(Double(nearTail) / Double(draws), nearTailShare, accuracy: max(0.001, nearTailShare * 0.08), "alpha \(alpha)")
        }
    }

    /// The alias table gives every outcome its probability, padding and
    /// zero-probability outcomes none.
    func testAliasTableKeepsEveryProbability() {
        var rng = SystemRandomNumberGenerator()
        for count in [1, 2, 3, 7, 256, 1000] {
            var weights = (0..<count).map { _ in Double.random(in: 0...1, using: &rng) }
            if count > 2 { weights[1] = 0 }
            let total = weights.reduce(0, +)
            let probabilities = weights.map { $0 / total }
            let table = AliasTable(probabilities: probabilities)
            XCTAssertEqual(table.bucketCount, max(2, 1 << (Int.bitWidth - (count - 1).leadingZeroBitCount)))
            for outcome in 0..<table.bucketCount {
                let expected = outcome < count ? probabilities[outcome] : 0
                XCTAssertEqual(table.probability(of: outcome), expected, accuracy: 1e-12, "outcome \(outcome) of \(count)")
            }
            if count > 2 {
                var random = RandomStream(seed: UInt64(count))
                XCTAssertFalse((0..<100_000).contains { _ in table.index(random.next()) == 1 }, "a zero weight is never drawn")
            }
        }
    }

    func testBoundedZipfMatchesItsLaw() {
        for (count, exponent) in [(UInt64(10), 0.9), (100, 1.0), (1000, 1.5)] {
            let zipf = BoundedZipf(count: count, exponent: exponent)
            let normalizer = (1...count).reduce(0.0) { $0 + pow(Double($1), -exponent) }
            var random = RandomStream(seed: count)
            var counts = [Int](repeating: 0, count: Int(count) + 1)
            let draws = 200_000
            for _ in 0..<draws {
                let rank = zipf.draw(&random)
                XCTAssert((1...count).contains(rank))
                counts[Int(rank)] += 1
            }
            for rank in [1, 2, 3, Int(count)] {
                let expected = pow(Double(rank), -exponent) / normalizer
                XCTAssertEqual(Double(counts[rank]) / Double(draws), expected, accuracy: 0.004 + expected * 0.03,
                               "rank \(rank) of \(count), exponent \(exponent)")
            }
        }
        var random = RandomStream(seed: 1)
        XCTAssertEqual(BoundedZipf(count: 1, exponent: 2).draw(&random), 1)
    }

    func testLogNormalMedian() {
        let normal = Normal(mean: 4.3, deviation: 1.2)
        var random = RandomStream(seed: 11)
        let values = (0..<50_001).map { _ in normal.drawLogNormal(&random) }.sorted()
        XCTAssertEqual(values[25_000], 73.7, accuracy: 3)
    }

    func testIndexPermutationIsABijection() {
        for count in [1, 2, 3, 7, 64, 1000, 12_345] as [UInt64] {
            let permutation = IndexPermutation(count: count, key: 99)
            let images = (0..<count).map { permutation($0) }
            XCTAssertEqual(images.sorted(), Array(0..<count), "count \(count)")
            // The network's domain passes count by less than 2^lowBits, so cycle walking is rare.
            XCTAssertLessThan(permutation.highRadix << permutation.lowBits - count, 1 << permutation.lowBits)
        }
        let pastAPowerOfTwo = IndexPermutation(count: 65_537, key: 5)
        XCTAssertEqual(Set((0..<65_537 as Range<UInt64>).map { pastAPowerOfTwo($0) }).count, 65_537)
        // "Exactly k of n" picks rows spread over the whole range.
        let picked = (0..<10_000 as Range<UInt64>).filter { pastAPowerOfTwo($0) < 800 }
        XCTAssertEqual(Double(picked.count), 800 * 10_000 / 65_537, accuracy: 40)
        for quarter in 0..<4 as Range<UInt64> {
            let inQuarter = picked.filter { $0 / 2500 == quarter }.count
            XCTAssertEqual(Double(inQuarter), Double(picked.count) / 4, accuracy: Double(picked.count) / 8)
        }
        let a = IndexPermutation(count: 1000, key: 1), b = IndexPermutation(count: 1000, key: 2)
        XCTAssertNotEqual((0..<1000).map { a($0) }, (0..<1000).map { b($0) })
    }

    func testCategoricalFromAParameter() throws {
        let parameters = Parameters(["c": "north:3,south:1", "fixed": "b:1,a:0"])
        let categorical = try Categorical(parameters, "c")
        XCTAssertEqual(categorical.labels.count, 2)
        XCTAssertEqual(Array(categorical.labels.bytes(0)), Array("north".utf8))
        XCTAssertEqual(categorical.longestLabel, 5)
        var random = RandomStream(seed: 2)
        let norths = (0..<40_000).filter { _ in categorical.pick(&random) == 0 }.count
        XCTAssertEqual(Double(norths) / 40_000, 0.75, accuracy: 0.01)
        let fixed = try Categorical(parameters, "fixed", labels: ["a", "b"])
        XCTAssertEqual(Array(fixed.labels.bytes(0)), Array("a".utf8), "indices follow the given labels")
        XCTAssertEqual(fixed.pick(&random), 1, "a weighs 0")
    }
}
