import Foundation

/// Reads the top-level keys of one JSON object as written, without building its values.
///
/// `JSONSerialization` keeps the last of two equal keys and turns `1.0` into
/// the number 1; a feed must refuse the first and keep an id as the text that
/// was sent. Run it only on bytes `JSONSerialization` accepted as an object, so
/// the syntax is known good.
struct JSONKeyScanner {
    /// The text of each top-level number, by key, exactly as written.
    private(set) var numberLiterals: [String: String] = [:]
    /// The first key the object holds twice, once decoded.
    private(set) var duplicateKey: String?

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    /// Scans `bytes`, one JSON object.
    init(_ bytes: ArraySlice<UInt8>) {
        var keys = Set<String>()
        var depth = 0
        var expectingKey = false
        var lastKey: String?
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case Self.quote:
                let end = Self.scanString(bytes, from: index)
                if depth == 1 && expectingKey {
                    let key = Self.decodeKey(bytes[(index + 1)..<(end - 1)])
                    if !keys.insert(key).inserted, duplicateKey == nil { duplicateKey = key }
                    lastKey = key
                    expectingKey = false
                }
                index = end
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = depth == 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                expectingKey = depth == 1
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                var end = index
                while end < bytes.endIndex, !Self.endsNumber(bytes[end]) { end += 1 }
                if depth == 1, let key = lastKey { numberLiterals[key] = String(decoding: bytes[index..<end], as: UTF8.self) }
                index = end
                continue
            default:
                break
            }
            index += 1
        }
    }

    private static func endsNumber(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
            || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Returns the index just past the string that opens at `start`.
    private static func scanString(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int {
        var index = start + 1
        while index < bytes.endIndex, bytes[index] != quote {
            index += bytes[index] == backslash ? 2 : 1
        }
        return min(index + 1, bytes.endIndex)
    }

    /// A key as `JSONSerialization` would read it: escapes such as `\u0065` decoded.
    private static func decodeKey(_ raw: ArraySlice<UInt8>) -> String {
        guard raw.contains(backslash) else { return String(decoding: raw, as: UTF8.self) }
        let fragment = Data([quote] + raw + [quote])
        return (try? JSONSerialization.jsonObject(with: fragment, options: [.fragmentsAllowed]) as? String) ?? String(decoding: raw, as: UTF8.self)
    }
}
