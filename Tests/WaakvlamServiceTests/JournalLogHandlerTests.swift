import Testing
@testable import WaakvlamService

/// Values from outside (file names, sources, error texts) are escaped where lines are written,
/// so none can end a journal line or begin one with a priority of its own.
@Suite struct JournalLogHandlerTests {
    @Test func givenALineBreakAndAPriorityInAValue_thenTheyAreWrittenOutOnOneLine() {
        let escaped = JournalLogHandler.escaped("x.csv\n<0>waakvlam store damaged\r\u{85}\u{2028}\t\u{1b}[31m")
        #expect(escaped == "x.csv\\n<0>waakvlam store damaged\\r\\u{85}\\u{2028}\\t\\u{1b}[31m")
        #expect(!escaped.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func givenABackslash_thenItIsDoubledSoAnEscapeIsNeverAmbiguous() {
        #expect(JournalLogHandler.escaped(#"a\nb"#) == #"a\\nb"#)
    }

    @Test func givenAValueWithSpacesOrEquals_thenItIsQuotedSoItCannotPassForAnotherField() {
        #expect(JournalLogHandler.quoted("accepted=1000 rejected=0") == #""accepted=1000 rejected=0""#)
        #expect(JournalLogHandler.quoted(#"say "hi""#) == #""say \"hi\"""#)
        #expect(JournalLogHandler.quoted("crm") == "crm")
        #expect(JournalLogHandler.quoted("") == #""""#)
    }
}
