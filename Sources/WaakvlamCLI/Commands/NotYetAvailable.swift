import ArgumentParser

/// For commands whose work comes with a later part of the project: they say so and exit 69 (EX_UNAVAILABLE).
enum NotYetAvailable {
    static func exit(_ command: String, comesWith part: String) throws -> Never {
        Terminal.error("waakvlam \(command): not available yet — it comes with \(part). Nothing was done.")
        throw ExitCode(69)
    }
}
