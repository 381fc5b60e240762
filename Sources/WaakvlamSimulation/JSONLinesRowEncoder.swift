import WaakvlamCore

/// Rows as JSON Lines: one object per line, keys in header order, absent values omitted.
struct JSONLinesRowEncoder: FeedRowEncoder {
    /// `"name":` for each column.
    private let keys: [[UInt8]]
    private var column = 0
    private var isFirst = true

    init(columns: [FeedField]) {
        keys = columns.map { Array("\"\($0.name)\":".utf8) }
    }

    func header(into buffer: inout ByteBuffer) {}

    mutating func begin(into buffer: inout ByteBuffer) {
        column = 0
        isFirst = true
        buffer.append(UInt8(ascii: "{"))
    }

    mutating func text(_ value: String?, into buffer: inout ByteBuffer) {
        guard var value else { return skip() }
        key(&buffer)
        buffer.append(UInt8(ascii: "\""))
        value.withUTF8 { bytes in
            guard bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
                buffer.bytes.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x22: buffer.append("\\\"")
                case 0x5C: buffer.append("\\\\")
                case 0x0A: buffer.append("\\n")
                case 0x0D: buffer.append("\\r")
                case 0x09: buffer.append("\\t")
                case 0..<0x20:
                    buffer.append("\\u00")
                    buffer.append(Self.hex[Int(byte >> 4)])
                    buffer.append(Self.hex[Int(byte & 0xF)])
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    mutating func integer(_ value: Int?, into buffer: inout ByteBuffer) {
        guard let value else { return skip() }
        key(&buffer)
        buffer.appendInteger(value)
    }

    mutating func cents(_ value: Int?, into buffer: inout ByteBuffer) {
        guard let value else { return skip() }
        key(&buffer)
        buffer.appendCents(value)
    }

    mutating func plain(_ present: Bool, into buffer: inout ByteBuffer, _ render: (inout ByteBuffer) -> Void) {
        guard present else { return skip() }
        key(&buffer)
        buffer.append(UInt8(ascii: "\""))
        render(&buffer)
        buffer.append(UInt8(ascii: "\""))
    }

    mutating func end(into buffer: inout ByteBuffer) {
        buffer.append("}\n")
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func skip() {
        column += 1
    }

    private mutating func key(_ buffer: inout ByteBuffer) {
        if !isFirst { buffer.append(UInt8(ascii: ",")) }
        isFirst = false
        buffer.bytes.append(contentsOf: keys[column])
        column += 1
    }
}
