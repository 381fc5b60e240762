import Foundation
import WaakvlamCore

/// The soak's simulated corporation: households in buildings, and per round a seeded mix of
/// nuisance, observations, arrears, care, safety and positive signals, each with a unique
/// (source, id). Households that move out get no signals afterwards.
public struct SoakFeed: Sendable {
    /// Households `H0001…` and buildings `B001…` (ten households each).
    public let households: Int
    /// Households moved out, with the day.
    public private(set) var movedOut: [String: LocalDate] = [:]
    private var random: SoakRandom

    /// Type, source, weight: a mix like the simulator's, nuisance and arrears most common.
    private static let mix: [(type: String, source: String, weight: Int)] = [
        ("overlast.geluid", "buren-app", 30), ("overlast.vervuiling", "buren-app", 8),
        ("achterstand.huur", "incasso", 15), ("achterstand.energie", "incasso", 5),
        ("waarneming.deur_dicht", "woonstad-crm", 8), ("waarneming.post", "woonstad-crm", 5),
        ("waarneming.hennep", "woonstad-crm", 1), ("zorg.gestopt", "zorgnet", 5),
        ("zorg.niet_binnengelaten", "zorgnet", 3), ("veiligheid.politie", "politie", 3),
        ("positief.contact", "woonstad-crm", 10), ("positief.betalingsregeling", "incasso", 5),
    ]

    /// A feed of `households` households, seeded with `seed`.
    public init(households: Int = 2000, seed: UInt64 = 7) {
        self.households = households
        random = SoakRandom(seed: seed)
    }

    /// The building of household number `index`.
    private func building(_ index: Int) -> String { String(format: "B%03d", index / 10 + 1) }

    private func resident(_ index: Int) -> String { String(format: "H%04d", index + 1) }

    /// The buildings feed: name, units and one of four neighbourhoods.
    public func buildingsCSV() -> String {
        let rows = (0..<(households + 9) / 10).map { "\(building($0 * 10)),10,NB0\($0 % 4 + 1),Complex \($0 + 1)" }
        return (["building,units,neighbourhood,name"] + rows).joined(separator: "\n") + "\n"
    }

    /// The registry feed: every household in its building, some with children, some from sheltered housing.
    public func registryCSV() -> String {
        let origins = ["regulier", "regulier", "regulier", "bw", "mo", "regulier", "kliniek", "regulier"]
        let rows = (0..<households).map { "\(resident($0)),\(building($0)),NB0\($0 / 10 % 4 + 1),\($0 % 3),\(origins[$0 % origins.count]),2019-01-01" }
        return (["resident,building,neighbourhood,minors,origin,moved_in"] + rows).joined(separator: "\n") + "\n"
    }

    /// Moves `count` households still living here out on `day`; returns the registry feed saying so.
    public mutating func moveOut(_ count: Int, on day: LocalDate) -> String {
        var rows: [String] = []
        for _ in 0..<count {
            let index = random.below(households)
            guard movedOut[resident(index)] == nil else { continue }
            movedOut[resident(index)] = day
            rows.append("\(resident(index)),\(building(index)),\(day)")
        }
        return (["resident,building,moved_out"] + rows).joined(separator: "\n") + "\n"
    }

    /// `count` signals tagged `tag` (unique per call), dated on the `days` days from `first`.
    public mutating func signals(_ count: Int, tag: String, from first: LocalDate, days: Int) -> [SoakSignal] {
        let total = Self.mix.reduce(0) { $0 + $1.weight }
        return (0..<count).map { number in
            var pick = random.below(total)
            let kind = Self.mix.first { pick -= $0.weight; return pick < 0 } ?? Self.mix[0]
            var index = random.below(households)
            while movedOut[resident(index)] != nil { index = (index + 1) % households }
            var signal = SoakSignal(source: kind.source, id: "\(tag)-\(number)", type: kind.type,
                                    date: first.adding(days: Int64(random.below(days))), resident: resident(index))
            if kind.type.hasPrefix("overlast.") { signal.reporter = "R\(random.below(200))" }
            if kind.type.hasPrefix("achterstand.") {
                signal.amount = "\(100 + random.below(1400)).\(10 + random.below(90))"
                signal.daysOverdue = "\(30 + random.below(90))"
            }
            return signal
        }
    }
}
