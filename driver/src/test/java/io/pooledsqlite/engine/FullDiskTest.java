package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * A real full file system (a 2 MiB tmpfs the test mounts; it needs root and is skipped otherwise): a
 * commit that does not fit fails with {@code 53100} and never becomes durable later; earlier commits stay;
 * once there is room again the same pool writes again. (A failed sync, which would answer {@code 40003},
 * cannot be produced on tmpfs.)
 */
class FullDiskTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"native", "wasm"})
    void aCommitThatDoesNotFitIsNotDurableLaterAndThePoolWritesAgainOnceThereIsRoom(String engine) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small tmpfs needs root");
        Path mount = Files.createDirectories(dir.resolve("small"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString()) == 0,
                "mount -t tmpfs failed");
        try {
            Path db = mount.resolve("full.db");
            Path filler = mount.resolve("filler");
            Files.write(filler, new byte[512 * 1024]);
            int acked = 0;
            SQLException failure = null;
            try (PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:pooledsqlite:" + db + "?engine=" + engine)) {
                try (Connection c = ds.getConnection()) {
                    c.createStatement().executeUpdate("CREATE TABLE t(id INTEGER PRIMARY KEY, pad BLOB)");
                    c.setAutoCommit(false);
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, randomblob(40000))")) {
                        for (int id = 1; id <= 200 && failure == null; id++) {
                            try {
                                p.setInt(1, id);
                                p.executeUpdate();
                                c.commit();
                                acked = id;
                            } catch (SQLException e) {
                                failure = e;
                            }
                        }
                    }
                } catch (SQLException closing) {
                    // a wasm connection that failed to write is already closed
                }
                assertNotNull(failure, "the file system filled up");
                // the write itself fails (a sync never does on tmpfs): the commit is known not to be durable
                assertEquals("53100", failure.getSQLState(), failure.getMessage());
                if (engine.equals("wasm")) {
                    assertTrue(failure.getMessage().contains("The commit is not durable")
                            && failure.getMessage().contains("No space left on device")
                            && failure.getMessage().contains("will not be written later"), failure.getMessage());
                }
                Files.delete(filler);
                try (Connection c = ds.getConnection()) {
                    assertEquals(acked, Databases.queryLong(c, "SELECT count(*) FROM t"),
                            "every acknowledged commit, and not the one that failed");
                    c.createStatement().executeUpdate("INSERT INTO t VALUES (1000, 'after room came back')");
                }
                try (Connection n = new JDBC4Connection("jdbc:sqlite:" + db, db.toString(), new Properties())) {
                    assertEquals("ok", Databases.queryString(n, "PRAGMA integrity_check"));
                    assertEquals(acked + 1, Databases.queryLong(n, "SELECT count(*) FROM t"));
                    assertEquals(0, Databases.queryLong(n, "SELECT count(*) FROM t WHERE id = " + (acked + 1)));
                }
            }
        } finally {
            run("umount", mount.toString());
        }
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
