package io.pooledsqlite.differential;

import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, seen 10: databases opened read-only open and read; writes fail as SQLite's own
 * {@code SQLITE_READONLY}. The file is left in rollback-journal mode, as a file someone else made; the
 * oracle does not try to switch it to WAL, which a read-only connection cannot do.
 */
class ReadOnlyDatabaseTest {
    @TempDir
    Path dir;

    private Differential scenario(String name) {
        return Differential.scenario(dir, name)
                .setup("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)", "INSERT INTO t(v) VALUES('kept')")
                .setupJournalMode("DELETE")
                .oracleWithout("journal_mode");
    }

    private static void readThenWrite(Run run, Observation seen) throws Exception {
        for (int i = 0; i < 2; i++) {
            try (Connection c = run.borrow()) {
                seen.call("isReadOnly", c::isReadOnly);
                seen.query(c, "SELECT v FROM t");
                seen.update(c, "INSERT INTO t(v) VALUES('refused')");
                seen.query(c, "PRAGMA journal_mode");
            }
        }
    }

    @Test
    void fileUriWithModeRo() throws Exception {
        scenario("fileUriModeRo").target(f -> "file:" + f + "?mode=ro").check(ReadOnlyDatabaseTest::readThenWrite);
    }

    @Test
    void openModeReadOnlyFlag() throws Exception {
        scenario("openModeReadOnly").setting("open_mode", "1").check(ReadOnlyDatabaseTest::readThenWrite);
    }

    @Test
    void immutableFileUri() throws Exception {
        scenario("fileUriImmutable").target(f -> "file:" + f + "?immutable=1")
                .check(ReadOnlyDatabaseTest::readThenWrite);
    }

    @Test
    void fileUriWithModeRoOnAWalFile() throws Exception {
        scenario("fileUriModeRoWal").setupJournalMode("WAL").target(f -> "file:" + f + "?mode=ro")
                .check(ReadOnlyDatabaseTest::readThenWrite);
    }
}
