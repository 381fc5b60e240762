#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Output for people and scripts: results on standard output, problems on standard error.
enum Terminal {
    /// Writes a line to standard output.
    static func print(_ line: String) {
        write(STDOUT_FILENO, line + "\n")
    }

    /// Writes `text` to standard output as it is (a document that ends its own lines).
    static func output(_ text: String) {
        write(STDOUT_FILENO, text)
    }

    /// Writes a line to standard error.
    static func error(_ line: String) {
        write(STDERR_FILENO, line + "\n")
    }

    /// Writes `value` as one line of JSON with sorted keys.
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    private static func write(_ descriptor: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 {
                if written < 0, errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
