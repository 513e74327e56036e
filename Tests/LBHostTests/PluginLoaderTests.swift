import Foundation
import LBHost
import XCTest

final class PluginLoaderTests: XCTestCase {
    func testMissingDirectoryIsOneClearError() {
        XCTAssertThrowsError(try PluginLoader.load(directory: "/nonexistent/plugins")) {
            XCTAssertEqual("\($0)", "cannot read plugins directory /nonexistent/plugins: No such file or directory")
        }
    }

    func testNonLibrariesAreIgnoredAndBrokenLibrariesWarned() throws {
        let directory = NSTemporaryDirectory() + "/plugins-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "notes".write(toFile: directory + "/README.txt", atomically: true, encoding: .utf8)
        try "not ELF".write(toFile: directory + "/libbroken.so", atomically: true, encoding: .utf8)
        let catalog = try PluginLoader.load(directory: directory)
        XCTAssertTrue(catalog.domains.isEmpty)
        XCTAssertEqual(catalog.warnings.count, 1)
        XCTAssert(catalog.warnings[0].hasPrefix("skipping \(directory)/libbroken.so: not a loadable shared library"))
        XCTAssertThrowsError(try catalog.domain(named: "customer360", directory: directory)) {
            XCTAssert("\($0)".contains("unknown domain 'customer360'"))
        }
    }
}
