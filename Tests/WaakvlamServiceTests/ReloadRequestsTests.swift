import Dispatch
import Synchronization
import Testing
@testable import WaakvlamService

/// Reloads asked for while one runs are answered together by the next; once the daemon stops
/// reloading, no one who asked is left waiting.
@Suite struct ReloadRequestsTests {
    static let done = ConfigurationReloader.Outcome.refused(["test outcome"])

    @Test func givenTwoRequestsWaiting_whenTaken_thenBothComeAtOnceInOrder_andNothingIsLeft() {
        let requests = ReloadRequests()
        requests.add(ReloadRequests.Request(by: "SIGHUP"))
        requests.add(ReloadRequests.Request(by: "uid 1000"))
        #expect(requests.take().map(\.by) == ["SIGHUP", "uid 1000"])
        #expect(requests.take().isEmpty)
    }

    @Test func givenAWaitingCaller_whenItsRequestIsAnswered_thenItGetsThatOutcome() async {
        let requests = ReloadRequests()
        let outcome = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: requests.reloadAndWait(by: "uid 1000")) }
            // The service's side: take what is waiting once the caller has asked, and answer it.
            while true {
                let asked = requests.take()
                guard asked.isEmpty else {
                    for request in asked { request.answer?(Self.done) }
                    break
                }
            }
        }
        #expect(outcome == Self.done)
    }

    @Test func givenACallerWaiting_whenTheServiceStops_thenItIsToldTheDaemonIsStopping_andOneAskingLaterIsToldAtOnce() {
        let requests = ReloadRequests()
        let told = Mutex<[ConfigurationReloader.Outcome]>([])
        requests.add(ReloadRequests.Request(by: "uid 1000") { outcome in told.withLock { $0.append(outcome) } })
        for request in requests.stop() { request.answer?(ReloadRequests.stopping) }
        #expect(told.withLock { $0 } == [ReloadRequests.stopping])
        #expect(requests.reloadAndWait(by: "uid 1001") == ReloadRequests.stopping)
        #expect(requests.take().isEmpty)
    }
}
