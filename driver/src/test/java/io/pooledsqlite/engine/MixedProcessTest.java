package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.PooledSqliteDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * A native SQLite process and a wasm pool on one file: while the native process has it open (idle, in
 * a transaction, in WAL with {@code locking_mode=EXCLUSIVE}) the wasm open is refused and changes no byte
 * of its files; after the native process is killed, the wasm pool recovers what it committed (and rolls
 * back what it did not), and a fresh native process agrees.
 */
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ) // its wasm pools read them
class MixedProcessTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"wal-idle", "wal-exclusive", "wal-in-transaction", "delete-in-transaction"})
    void aNativeProcessKeepsItsFilesAndItsCommitsAndTheWasmPoolRecoversAfterItDies(String state) throws Exception {
        Path db = dir.resolve(state + ".db");
        boolean inTransaction = state.endsWith("in-transaction");
        long committed = 10;
        try (ChildJvm nativeProcess = ChildJvm.start(NativeHolderMain.class, List.of(), db.toString(), state)) {
            nativeProcess.await("READY");
            List<byte[]> before = snapshot(db);
            SQLException refused = assertThrows(SQLException.class, () -> {
                try (PooledSqliteDataSource ds = wasm(db)) {
                    ds.getConnection().close();
                }
            });
            assertEquals("55006", refused.getSQLState(), refused.getMessage());
            List<byte[]> after = snapshot(db);
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), "file " + i + " of " + db + " changed by a refused open");
            }
            if (!inTransaction) {
                nativeProcess.send("commit");
                assertEquals("11", nativeProcess.await("ACK "));
                committed = 11;
            }
            nativeProcess.kill();
        }
        if (state.startsWith("delete")) {
            assertTrue(Files.size(Path.of(db + "-journal")) > 0, "the killed process left a hot journal");
        }
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection()) {
            assertEquals(committed, Databases.queryLong(c, "SELECT count(*) FROM t"));
            assertEquals(0, Databases.queryLong(c, "SELECT count(*) FROM t WHERE id > 1000"));
            c.createStatement().executeUpdate("INSERT INTO t VALUES (500, 'wasm')");
        }
        try (Connection n = new JDBC4Connection("jdbc:sqlite:" + db, db.toString(), new Properties())) {
            assertEquals("ok", Databases.queryString(n, "PRAGMA integrity_check"));
            assertEquals(committed + 1, Databases.queryLong(n, "SELECT count(*) FROM t"));
            assertEquals(0, Databases.queryLong(n, "SELECT count(*) FROM t WHERE id > 1000"));
        }
    }

    private static PooledSqliteDataSource wasm(Path db) {
        return new PooledSqliteDataSource("jdbc:pooledsqlite:" + db + "?engine=wasm");
    }

    /** The bytes of the database and its journals (an absent file as an empty array). */
    private static List<byte[]> snapshot(Path db) throws IOException {
        List<byte[]> files = new ArrayList<>();
        for (String suffix : new String[] {"", "-wal", "-journal"}) {
            Path p = Path.of(db + suffix);
            files.add(Files.exists(p) ? Files.readAllBytes(p) : new byte[0]);
        }
        return files;
    }
}
