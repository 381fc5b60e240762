import Foundation
import Testing
@testable import WaakvlamCore

@Suite("Level")
struct LevelTests {
    @Test("machine-readable names are green, amber and red")
    func rawValues() {
        #expect(Level.allCases.map(\.rawValue) == ["green", "amber", "red"])
        #expect(Level(rawValue: "amber") == .amber)
        #expect(Level(rawValue: "oranje") == nil)
        #expect(Level(rawValue: "Red") == nil)
    }

    @Test("people read groen, oranje, rood")
    func dutchNames() {
        #expect(Level.allCases.map(\.dutchName) == ["groen", "oranje", "rood"])
    }

    @Test("levels order from green to red")
    func ordering() {
        #expect(Level.green < .amber)
        #expect(Level.amber < .red)
        #expect(Level.green < .red)
        #expect(!(Level.red < .red))
        #expect([Level.red, .green, .amber].sorted() == [.green, .amber, .red])
        #expect([Level.amber, .red, .green].max() == .red)
    }

    @Test("JSON carries the English raw value")
    func codable() throws {
        let data = try JSONEncoder().encode([Level.amber])
        #expect(String(decoding: data, as: UTF8.self) == "[\"amber\"]")
        #expect(try JSONDecoder().decode([Level].self, from: Data("[\"red\",\"green\"]".utf8)) == [.red, .green])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Level].self, from: Data("[\"rood\"]".utf8)) }
    }
}
