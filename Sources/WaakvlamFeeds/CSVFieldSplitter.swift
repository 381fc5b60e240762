/// Splits one CSV record (RFC 4180: `,` separated, `"` quoted, `""` an escaped quote) into fields.
enum CSVFieldSplitter {
    /// The outcome of splitting the bytes gathered for one record so far.
    enum Outcome {
        /// The record is complete.
        case fields([ArraySlice<UInt8>])
        /// A quoted field is still open at the end: the record continues on the next line.
        case needsMoreLines
        /// The quoting is broken; the text says where.
        case malformed(String)
    }

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")

    /// Splits `bytes`, which hold no unquoted line break.
    static func split(_ bytes: ArraySlice<UInt8>) -> Outcome {
        if !bytes.contains(quote) {
            return .fields(bytes.split(separator: comma, omittingEmptySubsequences: false))
        }
        var fields: [ArraySlice<UInt8>] = []
        var index = bytes.startIndex
        var column = 1
        while true {
            if index < bytes.endIndex, bytes[index] == quote {
                var value: [UInt8] = []
                index += 1
                while true {
                    guard index < bytes.endIndex else { return .needsMoreLines }
                    let byte = bytes[index]
                    if byte == quote {
                        if index + 1 < bytes.endIndex, bytes[index + 1] == quote {
                            value.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    value.append(byte)
                    index += 1
                }
                fields.append(value[...])
                if index == bytes.endIndex { return .fields(fields) }
                guard bytes[index] == comma else {
                    return .malformed("text after the closing quote of field \(column)")
                }
            } else {
                let fieldEnd = bytes[index...].firstIndex(of: comma) ?? bytes.endIndex
                if bytes[index..<fieldEnd].contains(quote) {
                    return .malformed("a quote inside unquoted field \(column) (quote the whole field and double the quote)")
                }
                fields.append(bytes[index..<fieldEnd])
                index = fieldEnd
                if index == bytes.endIndex { return .fields(fields) }
            }
            index += 1 // past the comma
            column += 1
            if index == bytes.endIndex {
                fields.append(bytes[index..<index])
                return .fields(fields)
            }
        }
    }
}
