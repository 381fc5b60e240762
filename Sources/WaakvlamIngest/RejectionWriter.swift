#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Keeps refused records in `rejected/`: the rows verbatim (a CSV header first),
/// and beside them a `.errors` file with `input:line: reason` per row.
///
/// Used by the thread that stores, so that rows refused while reading and rows
/// the store refuses (conflicting keys) land in line with committed progress.
///
/// Both files are opened on the first rejection only, and are created with
/// mode 0640: they hold residents' data.
final class RejectionWriter {
    private let dataPath: String
    private var data: BufferedFile?
    private var errors: BufferedFile?
    private let resumeAt: (data: Int64, errors: Int64)?

    /// Prepares to write under `directory`; a resumed run passes its file and committed sizes.
    init(directory: String, input: String, runID: Int64, now: Int64, existingFile: String?,
         committed: (data: Int64, errors: Int64)) {
        if let existingFile {
            dataPath = existingFile
            resumeAt = committed
        } else {
            let base = (input == "-" ? "stdin" : (input as NSString).lastPathComponent)
                .replacingOccurrences(of: "/", with: "_")
            dataPath = "\(directory)/\(SpoolDirectory.stamp(now))-\(runID)-\(base)"
            resumeAt = nil
        }
    }

    /// The rejected-rows file, once something was rejected.
    var path: String? { data == nil ? nil : dataPath }
    /// Bytes written so far to the rows file and the errors file.
    var sizes: (data: Int64, errors: Int64) { (data?.size ?? 0, errors?.size ?? 0) }

    /// Keeps `raw` and records why; a new rows file starts with the CSV `header`, if any.
    func reject(_ raw: ArraySlice<UInt8>, problem: IngestProblem, header: ArraySlice<UInt8>?) throws {
        try open(header: header)
        try data!.append(raw)
        try data!.append([0x0A])
        try errors!.append(Array("\(problem)\n".utf8)[...])
    }

    /// Keeps more bytes of something already reported (the rest of a binary file).
    func continueRejection(_ raw: ArraySlice<UInt8>) throws {
        guard data != nil else { return }
        try data!.append(raw)
        try data!.append([0x0A])
    }

    /// Hands buffered bytes to the operating system; called before progress is committed.
    func flush() throws {
        try data?.flush()
        try errors?.flush()
    }

    /// Flushes and closes both files.
    func close() throws {
        try flush()
        data?.close()
        errors?.close()
    }

    private func open(header: ArraySlice<UInt8>?) throws {
        guard data == nil else { return }
        let resuming = resumeAt != nil
        data = try BufferedFile(path: dataPath, truncatingTo: resumeAt?.data)
        errors = try BufferedFile(path: dataPath + ".errors", truncatingTo: resumeAt?.errors)
        if !resuming || data!.size == 0, let header {
            try data!.append(header)
            try data!.append([0x0A])
        }
    }
}

/// An append-only file with a write buffer, over a plain descriptor.
final class BufferedFile {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private(set) var size: Int64

    init(path: String, truncatingTo length: Int64?) throws {
        descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw IngestFailure.cannotWrite(path: path, code: errno) }
        // The umask may have taken bits away, or left a narrower mode: set it exactly.
        _ = fchmod(descriptor, SpoolDirectory.copyMode)
        if let length { _ = ftruncate(descriptor, off_t(length)) }
        size = Int64(lseek(descriptor, 0, SEEK_END))
    }

    func append(_ bytes: ArraySlice<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        size += Int64(bytes.count)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, buffer.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw IngestFailure.cannotWrite(path: "rejected file", code: errno)
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() { Glibc.close(descriptor) }
}
