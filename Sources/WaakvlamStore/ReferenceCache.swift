/// Row ids of sources, residents and buildings already looked up during one ingest.
///
/// Valid only with the transactions it saw committed: after a failed batch
/// it must be cleared, because ids inserted in a rolled-back transaction no
/// longer exist.
public final class ReferenceCache {
    var sources: [String: Int64] = [:]
    var residents: [String: Int64] = [:]
    var buildings: [String: Int64] = [:]
    /// Beyond this many entries per kind the cache starts over, bounding memory on huge registries.
    let capacity: Int

    /// Creates an empty cache.
    public init(capacity: Int = 500_000) { self.capacity = capacity }

    /// Forgets everything (after a rollback).
    public func clear() {
        sources.removeAll()
        residents.removeAll()
        buildings.removeAll()
    }

    func remember(_ id: Int64, for key: String, in table: ReferenceKind) {
        switch table {
        case .source: sources[key] = id
        case .resident:
            if residents.count >= capacity { residents.removeAll(keepingCapacity: true) }
            residents[key] = id
        case .building:
            if buildings.count >= capacity { buildings.removeAll(keepingCapacity: true) }
            buildings[key] = id
        }
    }

    func lookup(_ key: String, in table: ReferenceKind) -> Int64? {
        switch table {
        case .source: sources[key]
        case .resident: residents[key]
        case .building: buildings[key]
        }
    }
}

enum ReferenceKind {
    case source, resident, building
}
