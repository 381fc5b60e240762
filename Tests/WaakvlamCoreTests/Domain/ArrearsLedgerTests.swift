import Testing
@testable import WaakvlamCore

@Suite("ArrearsLedger")
struct ArrearsLedgerTests {
    let policy = ArrearsPolicy(repeatWindow: .days(90), closedBy: ["positief.achterstand_voldaan"])
    let key = ArrearsLedger.Key(household: 1, type: "achterstand.huur")
    let day: Int64 = 86_400

    func report(_ id: String, day number: Int64, euros: Int64?, stored: Bool? = nil) -> ArrearsEntry {
        ArrearsEntry(occurredAt: number * day, source: "incasso", externalID: id, sourceID: 1, amountCents: euros.map { $0 * 100 },
                     storedRepeat: stored ?? false, isNew: stored == nil)
    }

    func marks(_ decisions: [ArrearsLedger.Decision]) -> [String: Bool] {
        Dictionary(uniqueKeysWithValues: decisions.map { ($0.entry.externalID, $0.isRepeat) })
    }

    @Test("given reports in order, then a report whose amount did not grow is marked a repeat")
    func inOrder() {
        var ledger = ArrearsLedger(policy: policy)
        ledger.markEmpty(1)
        ledger.add(report("1", day: 10, euros: 450), to: key)
        ledger.add(report("2", day: 40, euros: 450), to: key)
        ledger.add(report("3", day: 70, euros: 900), to: key)
        #expect(marks(ledger.settle()) == ["2": true])
    }

    @Test("given a stored history, when an older report arrives late, then the newer one it now precedes is re-decided")
    func lateOlderReport() {
        var ledger = ArrearsLedger(policy: policy)
        // Stored: day 40 (450) came first, so it was no repeat.
        ledger.load(1, reports: ["achterstand.huur": [report("2", day: 40, euros: 450, stored: false)]], closings: [])
        ledger.add(report("1", day: 10, euros: 450), to: key)
        #expect(marks(ledger.settle()) == ["2": true])
    }

    @Test("given a repeat stored, when a closing signal between it and its predecessor arrives late, then it is no longer a repeat")
    func lateClosing() {
        var ledger = ArrearsLedger(policy: policy)
        ledger.load(1, reports: ["achterstand.huur": [report("1", day: 10, euros: 450, stored: false),
                                                      report("2", day: 40, euros: 450, stored: true)]], closings: [])
        ledger.addClosing(1, at: 20 * day)
        #expect(marks(ledger.settle()) == ["2": false])
    }

    @Test("given a report and a closing withdrawn as duplicates, then the marks are as if they never came")
    func withdrawn() {
        var ledger = ArrearsLedger(policy: policy)
        ledger.load(1, reports: ["achterstand.huur": [report("1", day: 10, euros: 450, stored: false),
                                                      report("2", day: 40, euros: 450, stored: true)]], closings: [])
        ledger.addClosing(1, at: 20 * day)
        let duplicate = report("1", day: 10, euros: 450)
        ledger.add(duplicate, to: key)
        ledger.withdraw(duplicate, from: key)
        ledger.withdrawClosing(1, at: 20 * day)
        #expect(ledger.settle().isEmpty)
        #expect(ledger.size == 2)
    }

    @Test("given the same reports in any order and any split into batches, then the final marks are the same", arguments: [UInt64(1), 2, 3, 4, 5])
    func orderIndependent(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var reports: [ArrearsEntry] = (0..<200).map { report("\($0)", day: Int64(random.next() % 400), euros: Int64(random.next() % 4) * 100) }
        let closings: [Int64] = (0..<10).map { _ in Int64(random.next() % 400) * day }
        func finalMarks(_ entries: [ArrearsEntry], batch: Int) -> [String: Bool] {
            var ledger = ArrearsLedger(policy: policy)
            ledger.markEmpty(1)
            var result: [String: Bool] = [:]
            for (index, entry) in entries.enumerated() {
                ledger.add(entry, to: key)
                if index < closings.count { ledger.addClosing(1, at: closings[index]) }
                if index % batch == batch - 1 { result.merge(marks(ledger.settle())) { $1 } }
            }
            result.merge(marks(ledger.settle())) { $1 }
            return result.filter(\.value)
        }
        let sorted = finalMarks(reports.sorted(by: ArrearsEntry.precedes), batch: 1_000)
        for batch in [1, 7, 64] {
            reports.shuffle(using: &random)
            #expect(finalMarks(reports, batch: batch) == sorted)
        }
        #expect(!sorted.isEmpty)
    }
}
