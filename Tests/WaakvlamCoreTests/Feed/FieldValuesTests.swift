import Testing
@testable import WaakvlamCore

@Suite("FieldValues")
struct FieldValuesTests {
    @Test("a new record has no values")
    func emptyRecord() {
        let values = FieldValues()
        for field in FeedField.allCases {
            #expect(!values.has(field))
            #expect(values[field] == nil)
        }
    }

    @Test("a value is kept under its own field only")
    func keepsValue() {
        var values = FieldValues()
        values[.resident] = "R-1"
        #expect(values[.resident] == "R-1")
        #expect(values.has(.resident))
        #expect(FeedField.allCases.filter { values.has($0) } == [.resident])
    }

    @Test("an empty string counts as no value, and nil clears a value")
    func emptyIsAbsent() {
        var values = FieldValues()
        values[.note] = ""
        #expect(!values.has(.note))
        values[.note] = "x"
        values[.note] = nil
        #expect(!values.has(.note))
        values[.note] = "x"
        values[.note] = ""
        #expect(values[.note] == nil)
    }

    @Test("a value of spaces is a value")
    func spacesAreAValue() {
        var values = FieldValues()
        values[.unit] = " "
        #expect(values[.unit] == " ")
    }
}
