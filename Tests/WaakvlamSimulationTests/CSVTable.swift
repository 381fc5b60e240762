/// A tiny RFC 4180 reader for the tests: header row, quoted fields, doubled quotes.
struct CSVTable {
    let header: [String]
    let rows: [[String]]

    init(_ text: String) {
        var records = Self.split(text)
        header = records.isEmpty ? [] : records.removeFirst()
        rows = records
    }

    /// The rows as dictionaries from column name to value; empty values are left out.
    var records: [[String: String]] {
        rows.map { row in
            var record: [String: String] = [:]
            for (name, value) in zip(header, row) where !value.isEmpty { record[name] = value }
            return record
        }
    }

    /// Splits CSV text into records of fields.
    static func split(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var bytes = Array(text.utf8).makeIterator()
        var pending: UInt8? = nil
        func finishField() {
            record.append(String(decoding: field, as: UTF8.self))
            field = []
        }
        while let byte = pending ?? bytes.next() {
            pending = nil
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    let next = bytes.next()
                    if next == UInt8(ascii: "\"") {
                        field.append(byte)
                    } else {
                        quoted = false
                        pending = next
                        if next == nil { break }
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): quoted = true
            case UInt8(ascii: ","): finishField()
            case UInt8(ascii: "\n"):
                finishField()
                records.append(record)
                record = []
            default: field.append(byte)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            finishField()
            records.append(record)
        }
        return records
    }
}
