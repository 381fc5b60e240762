import Testing
import WaakvlamCore

@Suite("Backoff")
struct BackoffTests {
    @Test func givenRepeatedFailures_thenTheWaitDoublesFromTheFirstUpToTheLimit() {
        var backoff = Backoff(first: .seconds(1), limit: .seconds(30))
        let waits = (1...8).map { _ in backoff.failed() }
        #expect(waits == [1, 2, 4, 8, 16, 30, 30, 30].map { Duration.seconds($0) })
        #expect(backoff.failures == 8)
    }

    @Test func givenASuccess_thenItStartsOverAtTheFirstWait() {
        var backoff = Backoff(first: .milliseconds(500), limit: .seconds(4))
        for _ in 1...5 { _ = backoff.failed() }
        backoff.succeeded()
        #expect(backoff.delay == .zero)
        #expect(backoff.failed() == .milliseconds(500))
    }

    @Test func givenAFaultThatLastsForWeeks_thenTheWaitStaysAtTheLimitWithoutOverflow() {
        var backoff = Backoff()
        for _ in 1...100_000 { _ = backoff.failed() }
        #expect(backoff.delay == .seconds(30))
    }

    @Test func givenALimitBelowTheFirstWait_thenTheFirstWaitIsTheLimit() {
        var backoff = Backoff(first: .seconds(5), limit: .seconds(1))
        #expect(backoff.failed() == .seconds(5))
        #expect(backoff.failed() == .seconds(5))
    }

    @Test func givenTwentyFailures_thenOnlyTheFirstSecondFourthEighthAndSixteenthAreWorthTelling() {
        var backoff = Backoff()
        #expect(!backoff.isWorthTelling)
        let told = (1...20).filter { _ in _ = backoff.failed(); return backoff.isWorthTelling }
        #expect(told == [1, 2, 4, 8, 16])
    }
}
