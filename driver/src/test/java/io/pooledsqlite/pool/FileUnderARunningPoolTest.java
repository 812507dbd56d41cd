package io.pooledsqlite.pool;

import static io.pooledsqlite.Databases.queryLong;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.config.ConfigParser;
import io.pooledsqlite.config.PoolConfig;
import io.pooledsqlite.engine.resolve.EngineResolver;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database file deleted, replaced or corrupt under a running pool. */
class FileUnderARunningPoolTest {
    @TempDir
    Path dir;

    @AfterEach
    void closePools() {
        Databases.closePools(dir);
    }

    private static void write(String url, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.executeUpdate(q);
            }
        }
    }

    /** Borrows until the pool has looked at the file again (it checks at most every 200 ms). */
    private static SQLException refusedWithin(String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try {
                DriverManager.getConnection(url).close();
            } catch (SQLException e) {
                return e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the pool never noticed");
    }

    private static long countWhenServed(String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(url)) {
                return queryLong(c, "select count(*) from t");
            } catch (SQLException e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the pool did not recover", last);
    }

    @Test
    void aDeletedFileIsRefusedRatherThanRecreatedEmptyAndTheFileComingBackIsServed() throws Exception {
        Path file = dir.resolve("app.db");
        String url = "jdbc:pooledsqlite:" + file + "?poolName=deleted";
        write(url, "create table t(x)", "insert into t values (1), (2)", "pragma wal_checkpoint(truncate)");
        Path backup = dir.resolve("backup.db");
        Files.copy(file, backup);
        Files.delete(file);
        Files.deleteIfExists(dir.resolve("app.db-wal"));
        Files.deleteIfExists(dir.resolve("app.db-shm"));

        SQLException e = refusedWithin(url);
        assertTrue(e instanceof SQLNonTransientConnectionException, e.toString());
        assertEquals("08006", e.getSQLState());
        assertTrue(e.getMessage().contains("was deleted"), e.getMessage());
        assertTrue(Files.notExists(file), "no empty database was created in its place");

        Files.copy(backup, file);
        assertEquals(2, countWhenServed(url));
        write(url, "insert into t values (3)");
        assertEquals(3, countWhenServed(url));
    }

    /**
     * In rollback-journal mode. In WAL mode a file must not be replaced while connections are open: the
     * old {@code -wal} next to it would be applied to the new file (SQLite's own rule, docs/reliability.md).
     */
    @Test
    void aReplacedFileIsServedWithFreshConnections() throws Exception {
        Path file = dir.resolve("app.db");
        String url = "jdbc:pooledsqlite:" + file + "?poolName=replaced&journal_mode=DELETE";
        write(url, "create table t(x)", "insert into t values (1)");
        Path other = dir.resolve("other.db");
        try (Connection raw = io.pooledsqlite.Databases.raw(other); Statement s = raw.createStatement()) {
            s.executeUpdate("create table t(x)");
            s.executeUpdate("insert into t values (1), (2), (3), (4), (5)");
        }
        Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long seen = 0;
        while (seen != 5 && System.nanoTime() < deadline) {
            seen = countWhenServed(url);
        }
        assertEquals(5, seen, "connections to the old file were dropped");
    }

    @Test
    void aCorruptFileStopsThePoolWithoutTouchingItAndAHealthyReplacementResumesIt() throws Exception {
        Path file = dir.resolve("app.db");
        String url = "jdbc:pooledsqlite:" + file + "?poolName=corrupt&journal_mode=DELETE";
        write(url, "create table t(x text)",
                "insert into t select printf('%.500c', 'x') from (with recursive n(i) as (select 1 union all"
                        + " select i + 1 from n where i < 400) select i from n)");
        Databases.closePools(dir);
        Path healthy = dir.resolve("healthy.db");
        Files.copy(file, healthy);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] junk = new byte[4096 * 8];
            Arrays.fill(junk, (byte) 0x5A);
            raf.seek(4096 * 10);
            raf.write(junk);
        }
        byte[] corrupt = Files.readAllBytes(file);

        try (Connection c = DriverManager.getConnection(url)) {
            SQLException e = assertThrows(SQLException.class,
                    () -> queryLong(c, "select sum(length(x)) from t"));
            assertEquals("XX001", e.getSQLState(), e.getMessage());
        }
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
        assertEquals("XX001", refused.getSQLState());
        assertTrue(refused.getMessage().contains("corrupt") && refused.getMessage().contains("never modifies"),
                refused.getMessage());
        assertArrayEquals(corrupt, Files.readAllBytes(file), "the pool did not write to the corrupt file");

        Files.move(healthy, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertEquals(400, countWhenServed(url));
    }

    /**
     * The file is looked at again by the first borrow 200 ms after the last look (not seconds later): the
     * pool's clock is moved on by hand, so nothing waits in real time.
     */
    @Test
    void theFirstBorrowPast200MsNoticesADeletedFile() throws Exception {
        Path file = dir.resolve("watched.db");
        PoolConfig config = ConfigParser.parse("jdbc:pooledsqlite:" + file + "?poolName=watched", new Properties());
        ManualClock clock = new ManualClock();
        try (ConnectionPool pool = new ConnectionPool(config, EngineResolver.resolve(config), clock)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("create table t(x)");
            }
            Files.delete(file);
            Files.deleteIfExists(dir.resolve("watched.db-wal"));
            Files.deleteIfExists(dir.resolve("watched.db-shm"));
            clock.advance(Duration.ofMillis(201));
            SQLException e = assertThrows(SQLException.class, () -> pool.getConnection().close(),
                    "the borrow 201 ms after the last one looked at the file");
            assertEquals("08006", e.getSQLState(), String.valueOf(e));
        }
    }

    @Test
    void theStartupIntegrityCheckRefusesACorruptFile() throws Exception {
        Path file = dir.resolve("app.db");
        String url = "jdbc:pooledsqlite:" + file + "?poolName=checked&journal_mode=DELETE";
        write(url, "create table t(x text)", "create index tx on t(x)",
                "insert into t select printf('%.300c', 'y') || i from (with recursive n(i) as (select 1 union all"
                        + " select i + 1 from n where i < 300) select i from n)");
        Databases.closePools(dir);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(4096 * 3 + 100);
            raf.write(new byte[2000]);
        }
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url + "&integrityCheck=quick"));
        assertEquals("XX001", e.getSQLState());
        assertTrue(e.getMessage().contains("integrity check"), e.getMessage());
    }
}
