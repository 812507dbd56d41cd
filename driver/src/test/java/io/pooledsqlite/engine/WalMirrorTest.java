package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pooledsqlite.Databases;
import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.jdbc4.JDBC4Connection;

/** What the wasm engine leaves on disk is what was committed, whatever SQL changed the in-memory copy. */
class WalMirrorTest {
    @TempDir
    Path dir;

    private static PooledSqliteDataSource wasm(Path db) {
        return new PooledSqliteDataSource("jdbc:pooledsqlite:" + db + "?engine=wasm");
    }

    /** Plain sqlite-jdbc: the oracle for the file. */
    private static void assertOnDisk(Path db, long rows, long pageSize) throws SQLException {
        try (Connection n = new JDBC4Connection("jdbc:sqlite:" + db, db.toString(), new Properties())) {
            assertEquals("ok", Databases.queryString(n, "PRAGMA integrity_check"));
            assertEquals(rows, Databases.queryLong(n, "SELECT count(*) FROM t"));
            assertEquals(pageSize, Databases.queryLong(n, "PRAGMA page_size"));
        }
    }

    @Test
    void commitsAfterReopeningAFileWithALogAreKept() throws Exception {
        Path db = dir.resolve("reopen.db");
        for (int round = 0; round < 3; round++) {
            try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection();
                 Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE IF NOT EXISTS t(v BLOB)");
                for (int i = 0; i < 20; i++) {
                    s.executeUpdate("INSERT INTO t VALUES (randomblob(3000))");
                }
            }
        }
        assertOnDisk(db, 60, 4096);
    }

    @Test
    void commitsAroundARestartedInMemoryLogAreKept() throws Exception {
        Path db = dir.resolve("restart.db");
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t(v BLOB)");
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < 10; i++) {
                    s.executeUpdate("INSERT INTO t VALUES (randomblob(2000))");
                }
                s.execute(round % 2 == 0 ? "PRAGMA wal_checkpoint(RESTART)" : "PRAGMA wal_checkpoint(PASSIVE)");
                s.executeUpdate("UPDATE t SET v = randomblob(2500) WHERE rowid % 3 = 0");
            }
        }
        assertOnDisk(db, 40, 4096);
    }

    @Test
    void aPageSizeChangedByVacuumOutsideWalModeIsTheFileOnDisk() throws Exception {
        Path db = dir.resolve("pagesize.db");
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t(v BLOB)");
            for (int i = 0; i < 10; i++) {
                s.executeUpdate("INSERT INTO t VALUES (randomblob(5000))");
            }
            Databases.queryString(c, "PRAGMA journal_mode = DELETE");
            s.execute("PRAGMA page_size = 1024");
            s.execute("VACUUM");
            s.executeUpdate("INSERT INTO t VALUES (randomblob(100))");
            assertEquals("wal", Databases.queryString(c, "PRAGMA journal_mode = WAL"));
            for (int i = 0; i < 10; i++) {
                s.executeUpdate("INSERT INTO t VALUES (randomblob(1500))");
            }
        }
        assertOnDisk(db, 21, 1024);
    }

    @Test
    void rowsDeletedOutsideWalModeShrinkTheFileAndStayDeleted() throws Exception {
        Path db = dir.resolve("shrink.db");
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t(v BLOB)");
            for (int i = 0; i < 20; i++) {
                s.executeUpdate("INSERT INTO t VALUES (randomblob(4000))");
            }
            Databases.queryString(c, "PRAGMA journal_mode = DELETE");
            s.executeUpdate("DELETE FROM t WHERE rowid > 5");
            s.execute("VACUUM");
        }
        assertOnDisk(db, 5, 4096);
    }
}
