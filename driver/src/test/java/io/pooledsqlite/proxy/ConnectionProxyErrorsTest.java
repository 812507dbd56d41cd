package io.pooledsqlite.proxy;

import static io.pooledsqlite.Databases.physicalOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.pool.ConnectionPool;
import io.pooledsqlite.pool.PoolRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/**
 * What an error means to the logical connection: SQLite's busy answer from another process is retried three
 * times after growing pauses (only there), and a write refused as read-only on a connection the borrower did
 * not make read-only retires the physical connection.
 */
class ConnectionProxyErrorsTest {
    private static final Duration LIMIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @AfterEach
    void closePools() {
        Databases.closePools(dir);
    }

    private static Path fileOf(String url) {
        return Path.of(url.substring("jdbc:pooledsqlite:".length(), url.indexOf('?')));
    }

    private static ConnectionPool pool(String url) throws SQLException {
        return PoolRegistry.shared(url, new Properties());
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Runs an insert through the pool while another process holds the write lock; answers the time it took. */
    private static long insertWhileLockedOutside(String url, boolean sqliteLocking) throws Exception {
        return writeWhileLockedOutside(url, sqliteLocking, "insert into t values (1)");
    }

    private static long writeWhileLockedOutside(String url, boolean sqliteLocking, String sql) throws Exception {
        Databases.execute(url, "create table t(x)");
        try (Connection outside = Databases.raw(fileOf(url))) {
            exec(outside, "begin immediate");
            try (Connection c = DriverManager.getConnection(url)) {
                if (sqliteLocking) {
                    c.unwrap(ConnectionProxy.class).useSqliteLocking();
                }
                long start = System.nanoTime();
                SQLException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(SQLException.class,
                        () -> exec(c, sql)));
                long took = System.nanoTime() - start;
                assertEquals(5, e.getErrorCode(), String.valueOf(e));
                return took;
            } finally {
                exec(outside, "rollback");
            }
        }
    }

    @Test
    void busyFromAnotherProcessIsRetriedThreeTimesAfterPausesOf5And10And20Ms() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1&busy_timeout=0");
        long took = insertWhileLockedOutside(url, false);
        assertEquals(3, pool(url).getBusyRetries());
        assertTrue(took >= Duration.ofMillis(35).toNanos(), "paused " + took / 1_000_000 + " ms in all");
    }

    @Test
    void withSqliteJdbcSemanticsBusyIsSqlitesAnswerAtOnce() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1&busy_timeout=0&sqliteJdbcSemantics=true");
        insertWhileLockedOutside(url, false);
        assertEquals(0, pool(url).getBusyRetries());
    }

    @Test
    void withSqlitesOwnLockingBusyIsNotRetried() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1&busy_timeout=0");
        insertWhileLockedOutside(url, true);
        assertEquals(0, pool(url).getBusyRetries());
    }

    /** SQLite may have run the first statements of a script: it is never run again. */
    @Test
    void aBusyScriptIsNotRetried() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1&busy_timeout=0");
        writeWhileLockedOutside(url, false, "insert into t values (1); insert into t values (2)");
        assertEquals(0, pool(url).getBusyRetries());
    }

    @Test
    void anErrorOtherThanBusyIsNotRetried() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1");
        Databases.execute(url, "create table t(x unique)");
        try (Connection c = DriverManager.getConnection(url)) {
            exec(c, "insert into t values (1)");
            assertThrows(SQLException.class, () -> exec(c, "insert into t values (1)"));
        }
        assertEquals(0, pool(url).getBusyRetries());
    }

    /** The file became read-only under the connection (here: query_only set by SQL): a fresh one is opened. */
    @Test
    void aWriteRefusedAsReadOnlyTheBorrowerDidNotAskForRetiresTheConnection() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1");
        Databases.execute(url, "create table t(x)");
        SQLiteConnection first;
        try (Connection c = DriverManager.getConnection(url)) {
            first = physicalOf(c);
            exec(c, "pragma query_only = 1");
            SQLException e = assertThrows(SQLException.class, () -> exec(c, "insert into t values (1)"));
            assertEquals(8, e.getErrorCode() & 0xff, String.valueOf(e));
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertNotSame(first, physicalOf(c));
            exec(c, "insert into t values (1)");
        }
    }

    @Test
    void aWriteRefusedOnAConnectionMadeReadOnlyKeepsTheConnection() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1");
        Databases.execute(url, "create table t(x)");
        SQLiteConnection first;
        try (Connection c = DriverManager.getConnection(url)) {
            first = physicalOf(c);
            c.setReadOnly(true);
            assertThrows(SQLException.class, () -> exec(c, "insert into t values (1)"));
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertSame(first, physicalOf(c));
            exec(c, "insert into t values (1)");
        }
    }

    /** SQLITE_CANTOPEN (as sqlite-jdbc reports it) is fatal to the connection: the pool opens a fresh one. */
    @Test
    void aFatalErrorRetiresTheConnection() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1");
        Databases.execute(url, "create table t(x)");
        String into = "vacuum into '" + dir.resolve("no-such-dir").resolve("copy.db") + "'";
        SQLiteConnection first;
        try (Connection c = DriverManager.getConnection(url); Connection raw = Databases.raw(fileOf(url))) {
            first = physicalOf(c);
            SQLException plain = assertThrows(SQLException.class, () -> exec(raw, into));
            SQLException pooled = assertThrows(SQLException.class, () -> exec(c, into));
            assertEquals(14, plain.getErrorCode() & 0xff, String.valueOf(plain));
            assertEquals(plain.getErrorCode(), pooled.getErrorCode());
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertNotSame(first, physicalOf(c));
            exec(c, "insert into t values (1)");
        }
    }

    /** The pure-Java engine keeps databases in memory: ATTACH and VACUUM INTO cannot reach a file. */
    @Test
    void anEngineWithoutFilesRefusesAttachAndVacuumInto() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1&engine=wasm");
        try (Connection c = DriverManager.getConnection(url)) {
            exec(c, "create table t(x)");
            SQLException attach = assertThrows(java.sql.SQLFeatureNotSupportedException.class,
                    () -> exec(c, "attach '" + dir.resolve("other.db") + "' as other"));
            assertEquals("0A000", attach.getSQLState());
            assertThrows(java.sql.SQLFeatureNotSupportedException.class,
                    () -> exec(c, "vacuum into '" + dir.resolve("copy.db") + "'"));
            exec(c, "insert into t values (1)");
        }
    }

    /** A call passed straight to sqlite-jdbc fails as sqlite-jdbc's does (here: its connection is closed). */
    @Test
    void aDelegatedCallSqliteJdbcRefusesFailsTheSameWay() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1");
        try (Connection c = DriverManager.getConnection(url); Connection raw = Databases.raw(fileOf(url))) {
            raw.close();
            physicalOf(c).close();
            SQLException plain = assertThrows(SQLException.class, raw::getCatalog);
            SQLException pooled = assertThrows(SQLException.class, c::getCatalog);
            assertEquals(plain.getMessage(), pooled.getMessage());
        }
    }
}
