package io.pooledsqlite.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pooledsqlite.PooledSqliteDataSource;
import io.pooledsqlite.metrics.PoolMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, seen 9: closing a pool closes every physical connection, whatever runs at the same time.
 * What is left open is observed from outside: a WAL database can be switched to rollback-journal mode
 * only by a connection that is alone on the file.
 */
class PoolCloseRaceTest {
    private static final int ROUNDS = 300;

    @TempDir
    Path dir;

    /**
     * True when a new plain connection can switch the file out of WAL, which SQLite refuses
     * ({@code SQLITE_BUSY}) while any other connection has the file open.
     */
    private static boolean alone(Path file) throws SQLException {
        try (Connection c = Run.open(file); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 0");
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = DELETE")) {
                rs.next();
                return rs.getString(1).equalsIgnoreCase("delete");
            } catch (SQLException e) {
                if (Observation.primaryCode(e) == 5) {
                    return false;
                }
                throw e;
            }
        }
    }

    @Test
    void theProbeSeesAnOpenConnection() throws Exception {
        Path file = dir.resolve("probe.db");
        try (Connection other = Run.open(file); Statement s = other.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("CREATE TABLE t(x)");
            assertEquals(false, alone(file), "another open connection keeps the file in WAL");
        }
        assertEquals(true, alone(file));
    }

    @Test
    void closeRacingClearStatementCachesAndBorrowsLeavesNoConnectionOpen() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            List<String> leftOpen = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                Path file = dir.resolve("race-" + round + ".db");
                PooledSqliteDataSource ds = new PooledSqliteDataSource(file.toString());
                ds.setProperty("poolName", "close-race-" + round);
                ds.setProperty("maxPoolSize", "2");
                ds.setProperty("minIdle", "2");
                ds.setProperty("registerMbeans", "false");
                PoolMXBean pool = ds.getPoolMXBean();
                AtomicBoolean stop = new AtomicBoolean();
                CountDownLatch running = new CountDownLatch(2);
                Thread clearer = new Thread(() -> {
                    running.countDown();
                    while (!stop.get()) {
                        pool.clearStatementCaches();
                    }
                });
                Thread borrower = new Thread(() -> {
                    running.countDown();
                    while (!stop.get()) {
                        try (Connection c = ds.getConnection()) {
                            c.prepareStatement("SELECT 1").close();
                        } catch (SQLException closed) {
                            return;
                        }
                    }
                });
                clearer.start();
                borrower.start();
                running.await();
                ds.close();
                stop.set(true);
                clearer.join();
                borrower.join();
                int listed = pool.getTotalConnections();
                if (!alone(file)) {
                    leftOpen.add("round " + round + ": file still open (" + listed + " in the pool's list)");
                } else if (listed != 0) {
                    leftOpen.add("round " + round + ": " + listed + " in the pool's list");
                }
            }
            assertEquals(List.of(), leftOpen,
                    leftOpen.size() + " of " + ROUNDS + " rounds: a closed pool left a physical connection open");
        });
    }
}
