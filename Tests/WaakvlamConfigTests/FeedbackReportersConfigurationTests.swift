import Testing
import WaakvlamCore
@testable import WaakvlamConfig

/// `escalation.feedback_reporters`: how a feedback notice names the reporter.
@Suite struct FeedbackReportersConfigurationTests {
    typealias Base = ConfigurationLoaderTests

    @Test func givenNoSetting_thenFeedbackNamesReportersByPseudonym() throws {
        let configuration = try Base.parse(Base.text()).get()
        #expect(configuration.escalation.feedbackReporters == .pseudonym)
    }

    @Test func givenId_thenFeedbackNamesReportersByTheirReference() throws {
        let configuration = try Base.parse(Base.text(appending: ["escalation:", "  feedback_reporters: id"])).get()
        #expect(configuration.escalation.feedbackReporters == .id)
    }

    @Test func givenAnotherValue_thenItIsAnErrorAtTheValue() {
        #expect(Base.problem(Base.text(appending: ["escalation:", "  feedback_reporters: everyone"])) == "\(Base.file):19:23: 'feedback_reporters' is pseudonym or id")
    }
}
