import Testing
import WaakvlamConfig
import WaakvlamCore

/// The `retention:` section of `waakvlam.yaml`.
@Suite("Retention configuration")
struct RetentionConfigurationTests {
    typealias Base = ConfigurationLoaderTests

    @Test("without a retention section the documented defaults apply")
    func defaults() throws {
        let configuration = try Base.parse(Base.text()).get()
        #expect(configuration.retention == .defaults)
        #expect(RetentionSettings.defaults.signalsAfterLookBack == .months(18))
        #expect(RetentionSettings.defaults.movedOut == .months(6))
        #expect(RetentionSettings.defaults.minuteOfDay == 3 * 60 + 30)
    }

    @Test("given every key, when read, then months, years, days and durations are understood")
    func everyKey() throws {
        let configuration = try Base.parse(Base.text(appending: [
            "retention:", "  signals_after_horizon: 12 months", "  moved_out: 1 year", "  notices: 90 days", "  audit: 2w", "  run_at: \"02:15\"",
        ])).get()
        #expect(configuration.retention == RetentionSettings(signalsAfterLookBack: .months(12), movedOut: .months(12), notices: .span(.days(90)),
                                                             audit: .span(.days(14)), minuteOfDay: 2 * 60 + 15))
    }

    @Test("given a bad period, a bad time or an unknown key, then each is an error at its position", arguments: [
        ("  moved_out: six months", "20:14: 'moved_out' must be a period such as 18 months"),
        ("  moved_out: 0 months", "20:14: 'moved_out' must be a period"),
        ("  moved_out: 18 fortnights", "20:14: 'moved_out' must be a period"),
        ("  moved_out: [6, months]", "20:14: 'moved_out' must be a period"),
        ("  run_at: \"25:00\"", "20:11: 'run_at' is a local time of day such as 03:30"),
        ("  signals_after_horizont: 18 months", "20:3: unknown key 'signals_after_horizont' in 'retention'"),
    ])
    func problems(line: String, expected: String) {
        let problem = Base.problem(Base.text(appending: ["retention:", "  audit: 24 months", line]))
        #expect(problem?.hasPrefix("\(Base.file):\(expected)") == true, "\(problem ?? "none")")
    }

    @Test("a period is written back the way configuration writes it")
    func description() {
        #expect(RetentionPeriod(parsing: "18 months")?.description == "18 months")
        #expect(RetentionPeriod(parsing: "2 years")?.description == "2 years")
        #expect(RetentionPeriod(parsing: "540d")?.description == "540d")
        #expect(RetentionPeriod(parsing: "101 years") == nil)
    }
}
