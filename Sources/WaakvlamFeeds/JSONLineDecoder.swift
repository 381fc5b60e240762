import Foundation
import WaakvlamCore

/// Reads one JSON Lines record into field values.
enum JSONLineDecoder {
    /// The values of the object on `line`, or the reason it cannot be read.
    static func values(of line: ArraySlice<UInt8>, ignoring ignored: Set<String>) -> Result<FieldValues, FeedRecordError> {
        let object: Any
        do {
            // Fragments are parsed so that `42` is reported as "not an object", not as "not JSON".
            object = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
        } catch {
            return .failure(FeedRecordError("is not valid JSON (each line must hold one JSON object)"))
        }
        guard let dictionary = object as? [String: Any] else {
            return .failure(FeedRecordError("is not a JSON object (each line must hold one {…} object)"))
        }
        let scan = JSONKeyScanner(line)
        if let key = scan.duplicateKey {
            return .failure(FeedRecordError("holds key '\(FeedRecordDecoder.quoted(key))' twice (each key may appear once)"))
        }
        var values = FieldValues()
        for key in dictionary.keys.sorted() {
            guard let field = FeedField(name: key) else {
                if ignored.contains(key) { continue }
                return .failure(FeedRecordError("unknown field '\(FeedRecordDecoder.quoted(key))' (add it to ingest.ignored_columns in waakvlam.yaml to ignore it)"))
            }
            switch dictionary[key] {
            case is NSNull, nil:
                continue
            case let text as String:
                values[field] = text
            case let number as NSNumber where !isBoolean(number):
                // A reference or an id is the text sent (`1.0` is not `1`); a quantity is its value.
                values[field] = Self.quantities.contains(field) ? render(number) : scan.numberLiterals[key] ?? render(number)
            default:
                return .failure(FeedRecordError("field '\(key)' must be a string or a number"))
            }
        }
        return .success(values)
    }

    /// Fields that hold a number as such; every other field holds text.
    private static let quantities: Set<FeedField> = [.amount, .daysOverdue, .units, .minors]

    private static func isBoolean(_ number: NSNumber) -> Bool {
        // JSON booleans arrive as NSNumber too; their type code is that of a C char.
        String(cString: number.objCType) == "c"
    }

    private static func render(_ number: NSNumber) -> String {
        let double = number.doubleValue
        if double == double.rounded(), abs(double) < 1e15 { return String(Int64(double)) }
        return "\(number)"
    }
}
