import Foundation
import WaakvlamCore

/// Writes a synthetic neighbourhood as feed files: `buildings`, `registry` and `signals`, as CSV or JSON Lines.
///
/// Signals stream from the generator into a buffered file, so memory stays
/// bounded however long the period. Each file appears under its name only
/// when it is complete.
public struct SyntheticFeedWriter: Sendable {
    /// The format of the files.
    public var format: SyntheticFeedFormat
    /// Bytes gathered before each write to disk.
    public var bufferSize: Int

    /// Creates a writer for `format` with a `bufferSize`-byte buffer (1 MiB by default).
    public init(format: SyntheticFeedFormat = .csv, bufferSize: Int = 1 << 20) {
        self.format = format
        self.bufferSize = max(4_096, bufferSize)
    }

    /// Writes the three files into `directory` (created when missing), replacing files of the same names.
    ///
    /// - Throws: ``SimulationError/cannotWrite(path:reason:)`` when the directory or a file cannot be written.
    public func write(_ neighbourhood: SyntheticNeighbourhood, to directory: String) throws -> SyntheticFeedSummary {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SimulationError.cannotWrite(path: directory, reason: "cannot create the directory")
        }
        return switch format {
        case .csv: try write(neighbourhood, to: directory, with: CSVRowEncoder.self)
        case .jsonl: try write(neighbourhood, to: directory, with: JSONLinesRowEncoder.self)
        }
    }

    private func write<Encoder: FeedRowEncoder>(_ neighbourhood: SyntheticNeighbourhood, to directory: String,
                                                with encoding: Encoder.Type) throws -> SyntheticFeedSummary {
        let suffix = "." + format.fileExtension
        var buildings = try FeedFile(directory: directory, name: "buildings" + suffix, capacity: bufferSize)
        let buildingsFile = buildings.path
        var encoder = Encoder(columns: SyntheticBuilding.feedColumns)
        encoder.header(into: &buildings.buffer)
        for building in neighbourhood.buildings {
            building.encode(&encoder, into: &buildings.buffer)
            try buildings.flushIfFull()
        }
        var bytes = try buildings.commit()

        var registry = try FeedFile(directory: directory, name: "registry" + suffix, capacity: bufferSize)
        let registryFile = registry.path
        var registryEncoder = Encoder(columns: SyntheticHousehold.feedColumns)
        registryEncoder.header(into: &registry.buffer)
        for household in neighbourhood.households {
            household.encode(&registryEncoder, into: &registry.buffer)
            try registry.flushIfFull()
        }
        bytes += try registry.commit()

        var signals = try FeedFile(directory: directory, name: "signals" + suffix, capacity: bufferSize)
        let signalsFile = signals.path
        var signalEncoder = Encoder(columns: SyntheticSignal.feedColumns)
        signalEncoder.header(into: &signals.buffer)
        let counts = try neighbourhood.generateSignals { signal in
            signal.encode(&signalEncoder, into: &signals.buffer)
            try signals.flushIfFull()
        }
        bytes += try signals.commit()

        return SyntheticFeedSummary(
            format: format, buildingsFile: buildingsFile, registryFile: registryFile, signalsFile: signalsFile,
            buildings: neighbourhood.buildings.count, households: neighbourhood.households.count, signals: counts, bytes: bytes)
    }
}
