// The XCTest entry points of the Swift suite, run by `swift test` from the repository's
// Package.swift (test target `BreachKitTests`). Each runs a group of named checks and fails with
// every failed check's name and reason.
import XCTest

final class BreachKitTests: XCTestCase {
    private func run(_ group: () -> Void, atLeast: Int) {
        passed = 0
        failed = []
        group()
        XCTAssertEqual(failed, [], "\(failed.count) checks failed")
        XCTAssertGreaterThanOrEqual(passed, atLeast, "too few checks ran")
    }

    /// The examples, the 160+ scenarios, the error paths, the reports and the guide's examples.
    func testExamplesScenariosErrorsAndReports() { run(suiteTests, atLeast: 170) }

    /// The native model: Seiko built without JSON, edits, the round trip, checked values.
    func testNativeModel() { run({ nativeTests(root: root) }, atLeast: 170) }
}
