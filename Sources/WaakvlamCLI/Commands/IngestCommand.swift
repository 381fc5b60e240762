import ArgumentParser
import WaakvlamConfig
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamService
import WaakvlamStore

/// `waakvlam ingest FILE…`: feed signals, registry and building records.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Feed signals, registry or building records from CSV or JSON Lines files ('-' for standard input).",
        discussion: """
            Good rows are stored; every bad row is reported as file:line: reason and kept in rejected/ with a \
            .errors file beside it. Feeding the same file twice stores nothing twice. Exits 1 when anything was rejected.

            When the daemon runs, the files go through its socket (in requests of at most socket.max_line_bytes, \
            split between records) and the daemon brings levels and notices up to date at once; otherwise, and \
            always with --now (the daemon keeps its own clock), the command works on the state directory.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var daemon: DaemonOptions
    @Argument(help: "Feed files; '-' reads standard input.") var files: [String]
    @Option(help: "csv or jsonl; default: from the file name, else from the content.") var format: String?
    @Flag(help: "Print the summary as JSON.") var json = false

    /// The `--json` summary, with the field names docs/contract.md promises.
    struct Summary: Encodable {
        var accepted: Int
        var duplicates: Int
        var repeats: Int
        var rejected: Int
        var errors: [IngestProblem]
        var errorsOmitted: Int
        var rejectedFiles: [String]
        var notes: [String]
    }

    func validate() throws {
        if let format, FeedFormat(rawValue: format) == nil { throw ValidationError("--format must be csv or jsonl") }
        if files.isEmpty { throw ValidationError("name at least one file, or '-' for standard input") }
    }

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let format = self.format.flatMap(FeedFormat.init(rawValue:))
        let lock: StateDirectoryLock
        switch try DaemonLink.way(configuration, command: "ingest", options: daemon, now: global.now) {
        case .daemon(let link):
            let feed = SocketFeed(link: link, settings: configuration.daemon.ingest, maxLineBytes: configuration.daemon.socket.maxLineBytes)
            let (total, failed) = try ingestEach { path in
                let report = try feed.ingest(path: path, format: format)
                if !json { report.problems.forEach { Terminal.error($0.description) } }
                return report
            }
            return try finish(total, failed: failed)
        case .direct(let held):
            lock = held
        }
        defer { lock.release() }
        let environment = try global.openEnvironment(configuration)
        let (total, failed) = try ingestEach { path in
            let file = try InputFile(path: path)
            let input = Ingestor.Input(source: FileDescriptorSource(descriptor: file.descriptor), name: path, format: format, channel: .command)
            return try environment.ingestor.ingest(input, now: environment.clock.now(), onProblem: { problem in
                if !json { Terminal.error(problem.description) }
            })
        }
        // Without a daemon, the command brings levels up to date itself, in the same store.
        if total.counts.accepted > 0 {
            let now = environment.clock.now()
            try environment.openLevels(at: now).catchUp(at: now)
            try environment.openNoticeLog().deliver()
        }
        try finish(total, failed: failed)
    }

    /// Runs `ingest` on every file, whichever way they go, and adds up the reports; a file that
    /// cannot be read or that the daemon refuses is a problem of its own, and the others go on.
    /// Any other error (the store) ends the command.
    private func ingestEach(_ ingest: (String) throws -> IngestReport) rethrows -> (total: IngestReport, failed: Bool) {
        var total = IngestReport()
        var failed = false
        for path in files {
            do {
                total.merge(try ingest(path))
            } catch let failure as IngestFailure {
                failed = true
                fail(path, failure.description, into: &total)
            } catch let failure as DaemonRefusedInput {
                failed = true
                fail(path, failure.description, into: &total)
            }
        }
        return (total, failed)
    }

    private func fail(_ path: String, _ reason: String, into total: inout IngestReport) {
        let problem = IngestProblem(file: path, line: 0, reason: reason)
        total.add(problem)
        if !json { Terminal.error(problem.description) }
    }

    /// The summary, the same whichever way the files went.
    private func finish(_ total: IngestReport, failed: Bool) throws {
        if json {
            try Terminal.json(Summary(
                accepted: total.counts.accepted, duplicates: total.counts.duplicates, repeats: total.counts.repeats,
                rejected: total.counts.rejected, errors: total.problems, errorsOmitted: total.problemsOmitted,
                rejectedFiles: total.rejectedFiles, notes: total.notes))
        } else {
            for note in total.notes { Terminal.error("note: \(note)") }
            var line = "accepted \(total.counts.accepted), duplicates \(total.counts.duplicates), repeats \(total.counts.repeats), rejected \(total.counts.rejected)"
            if !total.rejectedFiles.isEmpty { line += " — rejected rows kept in \(total.rejectedFiles.joined(separator: ", "))" }
            Terminal.print(line)
        }
        if failed || !total.isClean { throw ExitCode.failure }
    }
}
