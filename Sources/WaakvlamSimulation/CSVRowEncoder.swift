import WaakvlamCore

/// Rows as CSV: fields separated by commas, quoted (RFC 4180) when they hold a comma, a quote or a line break.
struct CSVRowEncoder: FeedRowEncoder {
    private let columns: [FeedField]
    private var isFirst = true

    init(columns: [FeedField]) {
        self.columns = columns
    }

    func header(into buffer: inout ByteBuffer) {
        for (index, column) in columns.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(column.name)
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    mutating func begin(into buffer: inout ByteBuffer) {
        isFirst = true
    }

    mutating func text(_ value: String?, into buffer: inout ByteBuffer) {
        separate(&buffer)
        guard var value else { return }
        value.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                buffer.bytes.append(contentsOf: bytes)
                return
            }
            buffer.append(UInt8(ascii: "\""))
            for byte in bytes {
                if byte == 0x22 { buffer.append(byte) }
                buffer.append(byte)
            }
            buffer.append(UInt8(ascii: "\""))
        }
    }

    mutating func integer(_ value: Int?, into buffer: inout ByteBuffer) {
        separate(&buffer)
        if let value { buffer.appendInteger(value) }
    }

    mutating func cents(_ value: Int?, into buffer: inout ByteBuffer) {
        separate(&buffer)
        if let value { buffer.appendCents(value) }
    }

    mutating func plain(_ present: Bool, into buffer: inout ByteBuffer, _ render: (inout ByteBuffer) -> Void) {
        separate(&buffer)
        if present { render(&buffer) }
    }

    mutating func end(into buffer: inout ByteBuffer) {
        buffer.append(UInt8(ascii: "\n"))
    }

    private mutating func separate(_ buffer: inout ByteBuffer) {
        if isFirst {
            isFirst = false
        } else {
            buffer.append(UInt8(ascii: ","))
        }
    }
}
