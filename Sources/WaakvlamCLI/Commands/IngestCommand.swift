import ArgumentParser
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamStore

/// `waakvlam ingest FILE…`: feed signals, registry and building records.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Feed signals, registry or building records from CSV or JSON Lines files ('-' for standard input).",
        discussion: """
            Good rows are stored; every bad row is reported as file:line: reason and kept in rejected/ with a \
            .errors file beside it. Feeding the same file twice stores nothing twice. Exits 1 when anything was rejected.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Feed files; '-' reads standard input.") var files: [String]
    @Option(help: "csv or jsonl; default: from the file name, else from the content.") var format: String?
    @Flag(help: "Print the summary as JSON.") var json = false

    /// The `--json` summary, with the field names PRODUCT.md promises.
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
        let environment = try global.openEnvironment()
        var total = IngestReport()
        var failed = false
        for path in files {
            do {
                let file = try InputFile(path: path)
                let input = Ingestor.Input(source: FileDescriptorSource(descriptor: file.descriptor), name: path,
                                           format: format.flatMap(FeedFormat.init(rawValue:)), channel: .command)
                let report = try environment.ingestor.ingest(input, now: environment.clock.now(), onProblem: { problem in
                    if !json { Terminal.error(problem.description) }
                })
                total.merge(report)
            } catch let failure as IngestFailure {
                failed = true
                let problem = IngestProblem(file: path, line: 0, reason: failure.description)
                total.add(problem)
                if !json { Terminal.error(problem.description) }
            }
        }
        // Without a daemon, the command brings levels up to date itself, in the same store.
        if total.counts.accepted > 0 {
            let now = environment.clock.now()
            try environment.openLevels(at: now).catchUp(at: now)
            try environment.openNoticeLog().deliver()
        }
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
