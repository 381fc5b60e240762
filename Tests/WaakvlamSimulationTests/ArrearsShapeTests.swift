import Foundation
import Testing
import WaakvlamCore
import WaakvlamSimulation

/// Arrears look like the national covenant on early signalling describes them.
@Suite struct ArrearsShapeTests {
    let fixture = SimulationFixture.standard

    var arrears: [[String: String]] { fixture.signals.filter { $0["type"]!.hasPrefix("achterstand.") } }

    static func day(_ signal: [String: String]) -> Int64 {
        LocalDate(parsing: signal["occurred_at"]!.prefix(10))!.daysSinceEpoch
    }

    static func cents(_ signal: [String: String]) -> Int {
        let parts = signal["amount"]!.split(separator: ".")
        return Int(parts[0])! * 100 + Int(parts[1])!
    }

    @Test func reportsStartFromThirtyDaysWithAmountsInCents() {
        // Given the arrears signals
        // Then each is at least 30 days overdue and has a positive amount with exactly two decimals
        #expect(!arrears.isEmpty)
        for signal in arrears {
            #expect(Int(signal["days_overdue"]!)! >= 30)
            let amount = signal["amount"]!
            #expect(amount.wholeMatch(of: /[0-9]+\.[0-9]{2}/) != nil, "\(amount)")
            #expect(Self.cents(signal) > 0)
        }
    }

    @Test func episodesAreReportedMonthlyMostlyWithTheSameOrAGrownAmount() {
        // Given the reports per household and type, in date order
        var previous: [String: [String: String]] = [:]
        var repeats = 0
        var sameOrGrown = 0
        for signal in arrears {
            let key = signal["resident"]! + " " + signal["type"]!
            // When a report follows an earlier one of the same episode about a month later
            if let earlier = previous[key], (25...40).contains(Self.day(signal) - Self.day(earlier)) {
                repeats += 1
                if Self.cents(signal) >= Self.cents(earlier) { sameOrGrown += 1 }
            }
            previous[key] = signal
        }
        // Then repeat reports are common, and most did not shrink
        #expect(repeats > arrears.count / 4)
        #expect(Double(sameOrGrown) >= 0.8 * Double(repeats))
    }

    @Test func aboutOnePercentOfHouseholdsStartAnEpisodeAMonth() {
        // Given the first report of each episode (no report of that type in the 40 days before)
        var last: [String: Int64] = [:]
        var starts = 0
        for signal in arrears {
            let key = signal["resident"]! + " " + signal["type"]!
            if let day = last[key], Self.day(signal) - day <= 40 {} else { starts += 1 }
            last[key] = Self.day(signal)
        }
        // Then about 1% of households start one a month
        let monthly = Double(starts) / Double(fixture.parameters.months) / Double(fixture.parameters.residents)
        #expect(monthly > 0.006 && monthly < 0.016, "\(monthly)")
    }

    @Test func someHouseholdsHaveTwoTypesTheSameMonthOrAnEarlierEpisode() {
        // Given arrears types per household and month
        var typesPerMonth: [String: Set<String>] = [:]
        for signal in arrears {
            typesPerMonth[signal["resident"]! + String(signal["occurred_at"]!.prefix(7)), default: []].insert(signal["type"]!)
        }
        // Then some months have two or more types for one household
        #expect(typesPerMonth.values.contains { $0.count >= 2 })
        // and some households have a new episode within six months of an earlier one
        var lastEnd: [String: Int64] = [:]
        var relapses = 0
        for signal in arrears {
            let resident = signal["resident"]!
            let day = Self.day(signal)
            if let end = lastEnd[resident], day - end > 40, day - end <= 183 { relapses += 1 }
            lastEnd[resident] = day
        }
        #expect(relapses > 20)
    }

    @Test func manyEpisodesCloseWithAPaymentPlanOrPayment() {
        // Given the closing signals
        let closings = fixture.signals.filter { ["positief.betalingsregeling", "positief.achterstand_voldaan"].contains($0["type"]!) }
        // Then there are many, each for a household that had arrears reported
        let inArrears = Set(fixture.signals.filter { $0["type"]!.hasPrefix("achterstand.") }.map { $0["resident"]! })
        #expect(closings.count > arrears.count / 6)
        #expect(Double(closings.filter { inArrears.contains($0["resident"]!) }.count) > 0.8 * Double(closings.count))
    }
}
