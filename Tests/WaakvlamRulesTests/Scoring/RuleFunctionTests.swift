import Testing
import WaakvlamCore
import WaakvlamRules

@Suite("Scoring: rule functions as conditions read them")
struct RuleFunctionTests {
    @Test("given signals 29, 31 and 100 days old, when count() looks back 30d and 90d, then it counts 1 and 2")
    func countWindows() throws {
        var scene = Scene()
        scene.resident(1)
        let moment = t0 + days(100)
        for age in [29, 31, 100] as [Int64] { scene.signal("overlast.geluid", about: 1, at: moment - days(age)) }
        #expect(try scene.number("count(overlast.geluid, 30d)", of: 1, at: moment) == 1)
        #expect(try scene.number("count(overlast.geluid, 90d)", of: 1, at: moment) == 2)
        #expect(try scene.number("count(overlast.geluid, 365d)", of: 1, at: moment) == 3)
    }

    @Test("given signals of several types, when count() selects a type, a prefix or a family, then it counts only those")
    func countSelectors() throws {
        var scene = Scene()
        scene.resident(1)
        for type in ["overlast.geluid", "overlast.drugs", "waarneming.schade", "zorg.gestopt"] { scene.signal(type, about: 1, at: t0) }
        #expect(try scene.number("count(overlast.geluid, 30d)", of: 1, at: t0) == 1)
        #expect(try scene.number("count(overlast.*, 30d)", of: 1, at: t0) == 2)
        #expect(try scene.number("count(nuisance, 30d)", of: 1, at: t0) == 2)
        #expect(try scene.number("count(observation, 30d)", of: 1, at: t0) == 1)
    }

    @Test("given a repeated arrears report, when count() is asked, then the repeat is not counted")
    func countSkipsRepeats() throws {
        var scene = Scene()
        scene.resident(1)
        scene.signal("achterstand.huur", about: 1, at: t0, amountCents: 50_000)
        scene.signal("achterstand.huur", about: 1, at: t0 + days(30), amountCents: 50_000, isRepeat: true)
        #expect(try scene.number("count(arrears, 90d)", of: 1, at: t0 + days(30)) == 1)
    }

    @Test("given five complaints from two reporters and one without reporter, when reporters() is asked, then it answers 2")
    func reporters() throws {
        var scene = Scene()
        scene.resident(1)
        scene.signals(3, "overlast.geluid", about: 1, at: t0, reporter: "buur-1")
        scene.signals(2, "overlast.drugs", about: 1, at: t0, reporter: "buur-2")
        scene.signal("overlast.geluid", about: 1, at: t0)
        #expect(try scene.number("reporters(nuisance, 90d)", of: 1, at: t0 + days(1)) == 2)
        #expect(try scene.number("reporters(overlast.drugs, 90d)", of: 1, at: t0 + days(1)) == 1)
        #expect(try scene.number("reporters(nuisance, 90d)", of: 1, at: t0 + days(91)) == 0)
    }

    @Test("given arrears reported 30 days overdue, when days pass, then days_overdue grows by whole elapsed days")
    func daysOverdueGrows() throws {
        var scene = Scene()
        scene.resident(1)
        scene.signal("achterstand.huur", about: 1, at: t0, amountCents: 50_000, daysOverdue: 30)
        #expect(try scene.number("days_overdue(arrears)", of: 1, at: t0) == 30)
        #expect(try scene.number("days_overdue(arrears)", of: 1, at: t0 + days(10) - 1) == 39)
        #expect(try scene.number("days_overdue(arrears)", of: 1, at: t0 + days(10)) == 40)
        #expect(try scene.number("days_overdue(arrears)", of: 1, at: t0 + days(45)) == 75)
    }

    @Test("given arrears closed by a payment, when days pass, then days_overdue is 0 and stays 0")
    func daysOverdueStopsAfterClosing() throws {
        var scene = Scene()
        scene.resident(1)
        scene.signal("achterstand.huur", about: 1, at: t0, amountCents: 50_000, daysOverdue: 30)
        scene.signal("positief.achterstand_voldaan", about: 1, at: t0 + days(20))
        #expect(try scene.number("days_overdue(arrears)", of: 1, at: t0 + days(19)) == 49)
        #expect(try scene.number("days_overdue(arrears)", of: 1, at: t0 + days(20)) == 0)
        #expect(try scene.number("days_overdue(arrears)", of: 1, at: t0 + days(60)) == 0)
    }

    @Test("given two reports of rent arrears and one of energy, when amount() is asked, then the latest rent report and the energy add up")
    func amountLatestPerType() throws {
        var scene = Scene()
        scene.resident(1)
        scene.signal("achterstand.huur", about: 1, at: t0, amountCents: 50_000)
        scene.signal("achterstand.energie", about: 1, at: t0 + days(5), amountCents: 10_050)
        scene.signal("achterstand.huur", about: 1, at: t0 + days(30), amountCents: 75_000)
        let moment = t0 + days(31)
        #expect(try scene.number("amount(arrears)", of: 1, at: moment) == 850.5)
        #expect(try scene.number("amount(achterstand.huur)", of: 1, at: moment) == 750)
        #expect(try scene.number("amount(achterstand.huur)", of: 1, at: t0 + days(29)) == 500)
    }

    @Test("given arrears and then a payment, when amount() is asked, then closed arrears are no longer owed")
    func amountAfterClosing() throws {
        var scene = Scene()
        scene.resident(1)
        scene.signal("achterstand.huur", about: 1, at: t0, amountCents: 50_000)
        scene.signal("positief.achterstand_voldaan", about: 1, at: t0 + days(1))
        #expect(try scene.number("amount(arrears)", of: 1, at: t0 + days(2)) == 0)
    }

    @Test("given a signal 10 days and 3 hours ago, when days_since() is asked, then it answers 10; a type never seen answers 100000")
    func daysSince() throws {
        var scene = Scene()
        scene.resident(1)
        scene.signal("overlast.geluid", about: 1, at: t0)
        scene.signal("overlast.geluid", about: 1, at: t0 + days(5))
        #expect(try scene.number("days_since(overlast.geluid)", of: 1, at: t0 + days(15) + 3 * hour) == 10)
        #expect(try scene.number("days_since(zorg.gestopt)", of: 1, at: t0) == 100_000)
    }

    @Test("given two minors registered, when minors() is asked, then it answers 2; unknown minors answer 0")
    func minors() throws {
        var scene = Scene()
        scene.resident(1, HouseholdFacts(reference: "R1", minors: 2))
        scene.resident(2)
        #expect(try scene.number("minors()", of: 1, at: t0) == 2)
        #expect(try scene.number("minors()", of: 2, at: t0) == 0)
    }

    @Test("given households from bw, regulier and unknown origin, when origin(bw, mo) is asked, then only the bw household matches")
    func origin() throws {
        var scene = Scene()
        scene.resident(1, HouseholdFacts(reference: "R1", origin: .bw))
        scene.resident(2, HouseholdFacts(reference: "R2", origin: .regulier))
        scene.resident(3)
        #expect(try scene.truth("origin(bw, mo)", of: 1, at: t0))
        #expect(try !scene.truth("origin(bw, mo)", of: 2, at: t0))
        #expect(try !scene.truth("origin(bw, mo)", of: 3, at: t0))
    }

    @Test("given households with ambulant and no support, when support(ambulant, intensief) is asked, then only the ambulant one matches")
    func support() throws {
        var scene = Scene()
        scene.resident(1, HouseholdFacts(reference: "R1", support: .ambulant))
        scene.resident(2, HouseholdFacts(reference: "R2", support: .geen))
        #expect(try scene.truth("support(ambulant, intensief)", of: 1, at: t0))
        #expect(try !scene.truth("support(ambulant, intensief)", of: 2, at: t0))
    }

    @Test("given support that ended 100 days ago, when aftercare() is asked, then it is true; for a household without support it is false")
    func aftercare() throws {
        var scene = Scene()
        scene.resident(1, HouseholdFacts(reference: "R1", supportUntil: t0 - days(100)))
        scene.resident(2)
        #expect(try scene.truth("aftercare()", of: 1, at: t0))
        #expect(try !scene.truth("aftercare()", of: 2, at: t0))
    }

    @Test("given a rule on days_overdue and minors, when the arrears age past 60 days, then the stoplight turns red that day, not before")
    func ruleThroughStoplight() throws {
        let rule = try TestPolicy.rule("huurachterstand_met_kinderen", .red, when: "days_overdue(arrears) >= 60 and minors() > 0")
        var scene = Scene()
        scene.resident(1, HouseholdFacts(reference: "R1", minors: 1))
        scene.signal("achterstand.huur", about: 1, at: t0, amountCents: 50_000, daysOverdue: 30)
        var stoplight = scene.stoplight(TestPolicy.make(rules: [rule]))
        _ = stoplight.evaluate(at: t0)
        _ = stoplight.evaluate(at: t0 + days(30) - 1)
        #expect(stoplight.level(ofResident: 1) == .green)
        let changes = stoplight.evaluate(at: t0 + days(30))
        #expect(stoplight.level(ofResident: 1) == .red)
        #expect(changes.map(\.rules) == [["huurachterstand_met_kinderen"]])
        #expect(changes.map(\.signals) == [["test:1"]])
    }
}
