/// Made-up Dutch complex names: trees, birds and flowers with a number, never a real address.
enum BuildingNames {
    private static let words = [
        "Lindehof", "Eikenhorst", "Berkenstaete", "Iepenhof", "Meidoornflat", "Vlinderhof", "Zonnewende",
        "Reigerstaete", "Wilgenrode", "Kastanjehof", "Esdoornhof", "Populierenflat", "Merelhof", "Zwaluwhoek",
        "Klaverveld", "Heidebloem", "Lisdoddehof", "Rietkraag", "Duinroos", "Vogelweide", "Morgenster",
        "Hazelaarhof", "Beukenrode", "Ooievaarshof", "Goudsbloem", "Korenaar", "Waterhoen", "Sleedoorn",
    ]

    /// The name of the `index`th building (from 0): the word cycles, the number counts the cycles.
    ///
    /// One in eleven names carries a block letter after a comma, which CSV must quote.
    static func name(for index: Int) -> String {
        let word = words[index % words.count]
        let number = index / words.count + 1
        if index % 11 == 5 {
            let block = ["A", "B", "C", "D"][index % 4]
            return "Complex \(word) \(number), blok \(block)"
        }
        return "Complex \(word) \(number)"
    }
}
