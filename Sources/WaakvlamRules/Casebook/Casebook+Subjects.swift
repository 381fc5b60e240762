extension Casebook {
    /// The neighbourhood a subject is routed by: a household's own, else its building's.
    public func neighbourhood(of subject: Subject) -> String? {
        switch subject {
        case .resident(let id):
            let facts = residents[id]?.facts
            return facts?.neighbourhood ?? facts?.building.flatMap { buildings[$0]?.neighbourhood }
        case .building(let id):
            return buildings[id]?.neighbourhood
        }
    }

    /// The corporation's reference of a subject (`#id` when it is not known).
    public func reference(of subject: Subject) -> String {
        switch subject {
        case .resident(let id): residents[id]?.facts.reference ?? "#\(id)"
        case .building(let id): buildings[id]?.reference ?? "#\(id)"
        }
    }
}
