package io.pooledsqlite.pool;

import static io.pooledsqlite.Databases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.PooledSqliteDriver;
import io.pooledsqlite.metrics.PoolMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prepared statements are reused per physical connection, and reuse is invisible to callers. */
class StatementCacheTest {
    @TempDir
    Path dir;

    @AfterEach
    void closePools() {
        Databases.closePools(dir);
    }

    private String table(String keys) throws SQLException {
        String url = Databases.url(dir, "maxPoolSize=1&" + keys);
        Databases.execute(url, "create table t(id integer primary key, v text)");
        Databases.execute(url, "insert into t(v) values ('a'), ('b'), ('c')");
        return url;
    }

    private static PreparedStatement physical(PreparedStatement ps) throws SQLException {
        return ps.unwrap(org.sqlite.jdbc4.JDBC4PreparedStatement.class);
    }

    @Test
    void theSameSqlReusesThePhysicalStatementAndCountsHits() throws Exception {
        String url = table("");
        PoolMXBean pool = PooledSqliteDriver.pool(url, null);
        long missesBefore = pool.getStatementCacheMisses();
        PreparedStatement first = null;
        try (Connection c = DriverManager.getConnection(url)) {
            for (int i = 0; i < 10; i++) {
                try (PreparedStatement ps = c.prepareStatement("select v from t where id = ?")) {
                    if (first == null) {
                        first = physical(ps);
                    }
                    assertSame(first, physical(ps));
                    ps.setInt(1, 1 + i % 3);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(String.valueOf((char) ('a' + i % 3)), rs.getString(1));
                    }
                }
            }
        }
        assertEquals(missesBefore + 1, pool.getStatementCacheMisses());
        assertEquals(9, pool.getStatementCacheHits());
    }

    @Test
    void aReturnedStatementHasNoParametersBatchOrOpenResultLeft() throws Exception {
        String url = table("");
        try (Connection c = DriverManager.getConnection(url)) {
            PreparedStatement ps = c.prepareStatement("select count(*) from t where id > ?");
            PreparedStatement reused = physical(ps);
            ps.setInt(1, 0);
            ResultSet left = ps.executeQuery();
            left.next();
            ps.close();
            assertTrue(left.isClosed(), "the result set closed with the statement");
            try (PreparedStatement again = c.prepareStatement("select count(*) from t where id > ?")) {
                assertSame(reused, physical(again), "the statement came from the cache");
                SQLException unbound = null;
                try (ResultSet rs = again.executeQuery()) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), "an unbound parameter is NULL again: id > NULL matches nothing");
                } catch (SQLException e) {
                    unbound = e;
                }
                assertEquals(null, unbound);
            }
            PreparedStatement insert = c.prepareStatement("insert into t(v) values (?)");
            PreparedStatement reusedInsert = physical(insert);
            insert.setString(1, "batched");
            insert.addBatch();
            insert.close();
            try (PreparedStatement again = c.prepareStatement("insert into t(v) values (?)")) {
                assertSame(reusedInsert, physical(again), "the statement came from the cache");
                assertEquals(0, again.executeBatch().length, "the batch was cleared");
            }
            assertEquals(3, queryLong(c, "select count(*) from t"));
        }
    }

    @Test
    void changedLimitsDoNotFollowAStatementBackIntoTheCache() throws Exception {
        String url = table("");
        try (Connection c = DriverManager.getConnection(url)) {
            PreparedStatement limited;
            try (PreparedStatement ps = c.prepareStatement("select v from t")) {
                limited = physical(ps);
                ps.setMaxRows(1);
            }
            try (PreparedStatement ps = c.prepareStatement("select v from t"); ResultSet rs = ps.executeQuery()) {
                assertSame(limited, physical(ps), "the statement came from the cache");
                int rows = 0;
                while (rs.next()) {
                    rows++;
                }
                assertEquals(3, rows);
            }
        }
    }

    @Test
    void twoOpenStatementsForTheSameSqlBothWork() throws Exception {
        String url = table("");
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement a = c.prepareStatement("select v from t where id = ?");
             PreparedStatement b = c.prepareStatement("select v from t where id = ?")) {
            assertNotSame(physical(a), physical(b));
            a.setInt(1, 1);
            b.setInt(1, 2);
            try (ResultSet ra = a.executeQuery(); ResultSet rb = b.executeQuery()) {
                assertTrue(ra.next());
                assertTrue(rb.next());
                assertEquals("a", ra.getString(1));
                assertEquals("b", rb.getString(1));
            }
        }
    }

    @Test
    void leastRecentlyUsedStatementsAreReallyClosedWhenTheCacheIsFull() throws Exception {
        String url = table("statementCacheSize=2");
        try (Connection c = DriverManager.getConnection(url)) {
            PreparedStatement oldest;
            try (PreparedStatement ps = c.prepareStatement("select 1")) {
                oldest = physical(ps);
            }
            c.prepareStatement("select 2").close();
            c.prepareStatement("select 3").close();
            assertTrue(oldest.isClosed(), "evicted from a cache of 2");
            assertEquals(1, PooledSqliteDriver.pool(url, null).getStatementCacheEvictions());
            try (PreparedStatement ps = c.prepareStatement("select 3")) {
                assertFalse(physical(ps).isClosed());
            }
        }
    }

    @Test
    void resultSetVariantsAreCachedSeparately() throws Exception {
        String url = table("");
        try (Connection c = DriverManager.getConnection(url)) {
            PreparedStatement plain;
            try (PreparedStatement ps = c.prepareStatement("insert into t(v) values ('k')")) {
                plain = physical(ps);
            }
            try (PreparedStatement ps = c.prepareStatement("insert into t(v) values ('k')",
                    Statement.RETURN_GENERATED_KEYS)) {
                assertNotSame(plain, physical(ps));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertTrue(keys.next());
                    assertEquals(4, keys.getLong(1));
                }
            }
        }
    }

    @Test
    void sizeZeroDisablesTheCache() throws Exception {
        String url = table("statementCacheSize=0");
        try (Connection c = DriverManager.getConnection(url)) {
            PreparedStatement first;
            try (PreparedStatement ps = c.prepareStatement("select 1")) {
                first = physical(ps);
            }
            assertTrue(first.isClosed());
            try (PreparedStatement ps = c.prepareStatement("select 1")) {
                assertNotSame(first, physical(ps));
            }
        }
        assertEquals(0, PooledSqliteDriver.pool(url, null).getStatementCacheHits());
    }

    @Test
    void aClosedLogicalStatementCannotTouchTheReusedPhysicalOne() throws Exception {
        String url = table("");
        try (Connection c = DriverManager.getConnection(url)) {
            PreparedStatement stale = c.prepareStatement("select v from t where id = ?");
            stale.close();
            try (PreparedStatement fresh = c.prepareStatement("select v from t where id = ?")) {
                fresh.setInt(1, 2);
                assertThrows(SQLException.class, () -> stale.setInt(1, 3));
                try (ResultSet rs = fresh.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("b", rs.getString(1));
                }
            }
        }
    }

    /**
     * sqlite-jdbc and sqlite4j finalize a statement whose step failed with most errors, yet it does not
     * say it is closed: the next borrower of the same SQL still gets a working statement.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"native", "wasm"})
    void aStatementThatFailedIsNotLentAgain(String engine) throws Exception {
        String insert = "INSERT INTO m(id, v) VALUES (?, ?)";
        try (io.pooledsqlite.PooledSqliteDataSource ds = new io.pooledsqlite.PooledSqliteDataSource(
                "jdbc:pooledsqlite:" + dir.resolve("failed-" + engine + ".db") + "?engine=" + engine)) {
            try (Connection c = ds.getConnection()) {
                c.createStatement().executeUpdate("CREATE TABLE m(id INTEGER PRIMARY KEY, v)");
            }
            try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(insert)) {
                p.setString(1, "not a rowid");
                p.setString(2, "x");
                SQLException mismatch = assertThrows(SQLException.class, p::executeUpdate);
                assertTrue(mismatch.getMessage().contains("SQLITE_MISMATCH"), mismatch.getMessage());
            }
            for (int id = 1; id <= 2; id++) {
                try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(insert)) {
                    p.setInt(1, id);
                    p.setString(2, "ok");
                    assertEquals(1, p.executeUpdate(), "borrower " + id + " after the failure");
                }
            }
            try (Connection c = ds.getConnection()) {
                assertEquals(2, queryLong(c, "SELECT count(*) FROM m"));
            }
        }
    }

    /** sqlite-jdbc leaves executed statements un-reset; SQLite refuses VACUUM while any is active. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"native", "wasm"})
    void vacuumWorksAfterCachedStatementsRanOnEitherEngine(String engine) throws Exception {
        try (io.pooledsqlite.PooledSqliteDataSource ds = new io.pooledsqlite.PooledSqliteDataSource(
                "jdbc:pooledsqlite:" + dir.resolve("vacuum-" + engine + ".db") + "?engine=" + engine)) {
            try (Connection c = ds.getConnection()) {
                c.createStatement().executeUpdate("CREATE TABLE v(x)");
                for (int i = 0; i < 3; i++) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO v VALUES (?)")) {
                        p.setInt(1, i);
                        p.executeUpdate();
                    }
                    try (PreparedStatement p = c.prepareStatement("SELECT x FROM v"); ResultSet rs = p.executeQuery()) {
                        rs.next();
                    }
                }
            }
            try (Connection c = ds.getConnection()) {
                c.createStatement().execute("VACUUM");
                assertEquals(3, queryLong(c, "SELECT count(*) FROM v"));
                try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM v"); ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next(), "statements prepare again after the cache was emptied");
                }
            }
        }
    }
}
