#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WaakvlamStore
import WaakvlamTesting

/// The store holds residents' data: its files are the daemon's group's to read and nobody
/// else's, whatever umask the shell or unit that started the command had.
@Suite struct AppDatabaseModeTests {
    let directory = TemporaryDirectory()

    func mode(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    @Test func givenAShellsUmaskOf0022_whenANewStoreIsWritten_thenTheDatabaseItsWALAndSHMAre0640() throws {
        let path = directory.file("store.sqlite")
        let previous = umask(0o022)
        defer { umask(previous) }

        let database = try AppDatabase.open(path: path)
        try database.writer.write { try $0.execute(sql: "INSERT INTO source (name, first_seen_at, last_ingest_at) VALUES ('crm', 0, 0)") }

        #expect(mode(path) == 0o640)
        #expect(mode(path + "-wal") == 0o640)
        #expect(mode(path + "-shm") == 0o640)
        try database.close()
    }
}
