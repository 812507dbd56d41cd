package io.pooledsqlite.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pooled result set: with JDBC's semantics (the default) a closed one refuses calls; with
 * {@code sqliteJdbcSemantics=true} it behaves as sqlite-jdbc's (one result set per statement, refilled),
 * checked against plain sqlite-jdbc. A write's result set (RETURNING) holds the write gate until it is done.
 */
class ResultSetProxyContractTest {
    private static final String TABLE = "create table t(id integer primary key, v text)";
    private static final String RETURNING = "insert into t(v) values ('r') returning id";

    @TempDir
    Path dir;
    Connection raw;

    @BeforeEach
    void openRaw() throws SQLException {
        raw = Databases.raw(dir.resolve("raw.db"));
        raw.createStatement().executeUpdate(TABLE);
        raw.createStatement().executeUpdate("insert into t(v) values ('a'), ('b')");
    }

    @AfterEach
    void closeAll() throws SQLException {
        raw.close();
        Databases.closePools(dir);
    }

    private String pool(String keys) throws SQLException {
        String url = Databases.url(dir, keys);
        Databases.execute(url, TABLE);
        Databases.execute(url, "insert into t(v) values ('a'), ('b')");
        return url;
    }

    @Test
    void aClosedResultSetRefusesGetStatementAndUnwrapsWhileOpen() throws Exception {
        try (Connection c = DriverManager.getConnection(pool("maxPoolSize=1")); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select v from t");
            assertTrue(rs.isWrapperFor(ResultSet.class));
            assertTrue(rs.isWrapperFor(org.sqlite.jdbc4.JDBC4ResultSet.class));
            assertFalse(rs.isWrapperFor(String.class));
            assertSame(rs, rs.unwrap(ResultSet.class));
            assertSame(s, rs.getStatement());
            assertTrue(rs.next());
            rs.close();
            assertTrue(rs.isClosed());
            SQLException e = assertThrows(SQLException.class, rs::getStatement);
            assertEquals("HY010", e.getSQLState());
            e = assertThrows(SQLException.class, rs::next);
            assertEquals("HY010", e.getSQLState());
        }
    }

    @Test
    void withSqliteJdbcSemanticsAStatementRefillsItsOneResultSet() throws Exception {
        try (Connection c = DriverManager.getConnection(pool("maxPoolSize=1&sqliteJdbcSemantics=true"));
             Statement p = c.createStatement(); Statement r = raw.createStatement()) {
            for (Statement s : List.of(p, r)) {
                String which = s == p ? "pooled" : "plain";
                ResultSet first = s.executeQuery("select v from t order by id");
                assertTrue(first.next(), which);
                assertEquals("a", first.getString(1), which);
                ResultSet second = s.executeQuery("select v from t order by id desc");
                assertSame(first, second, which + ": one result set per statement");
                assertTrue(first.next(), which);
                assertEquals("b", first.getString(1), which + ": the old reference reads the new rows");
                first.close();
                assertTrue(first.isClosed(), which);
                assertSame(s, first.getStatement(), which + ": a closed result set still answers its statement");
                ResultSet third = s.executeQuery("select v from t order by id");
                assertSame(first, third, which);
                assertFalse(third.isClosed(), which + ": the result set is open again");
                assertTrue(third.next(), which);
                assertEquals("a", third.getString(1), which);
            }
        }
    }

    @Test
    void withSqliteJdbcSemanticsAResultSetIsHandedOutOnce() throws Exception {
        try (Connection c = DriverManager.getConnection(pool("maxPoolSize=1&sqliteJdbcSemantics=true"));
             Statement p = c.createStatement(); Statement r = raw.createStatement()) {
            for (Statement s : List.of(p, r)) {
                String which = s == p ? "pooled" : "plain";
                assertTrue(s.execute("select v from t"), which);
                assertNotNull(s.getResultSet(), which);
                SQLException e = assertThrows(SQLException.class, s::getResultSet, which);
                assertEquals("ResultSet already requested", e.getMessage(), which);
                s.executeQuery("select v from t");
                assertThrows(SQLException.class, s::getResultSet, which);
            }
        }
    }

    @Test
    void withSqliteJdbcSemanticsAResultSetOfAClosedStatementHasNoMoreRows() throws Exception {
        try (Connection c = DriverManager.getConnection(pool("maxPoolSize=1&sqliteJdbcSemantics=true"))) {
            for (Connection on : List.of(c, raw)) {
                String which = on == c ? "pooled" : "plain";
                Statement s = on.createStatement();
                ResultSet rs = s.executeQuery("select v from t");
                s.close();
                assertFalse(rs.next(), which);
                assertFalse(rs.next(), which);
            }
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select v from t");
            rs.close();
            s.close();
            SQLException e = assertThrows(SQLException.class, rs::getStatement, "cut off when its statement closed");
            assertEquals("HY010", e.getSQLState());
        }
    }

    @Test
    void withSqliteJdbcSemanticsAMetadataResultSetAnswersAStatementOfTheConnection() throws Exception {
        try (Connection c = DriverManager.getConnection(pool("maxPoolSize=1&sqliteJdbcSemantics=true"))) {
            ResultSet tables = c.getMetaData().getTables(null, null, "%", null);
            Statement s = tables.getStatement();
            assertNotNull(s);
            assertSame(s, tables.getStatement());
            assertSame(c, s.getConnection());
            assertNotNull(raw.getMetaData().getTables(null, null, "%", null).getStatement(), "plain sqlite-jdbc");
        }
    }

    /** The second connection's insert waits at the gate no longer than busy_timeout: it fails if the gate is kept. */
    private static void anotherWriterGetsIn(Connection other) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (Statement s = other.createStatement()) {
                assertEquals(1, s.executeUpdate("insert into t(v) values ('other')"));
            }
        });
    }

    @Test
    void aReturningResultSetReleasesTheWriteGateWhenClosed() throws Exception {
        String url = pool("maxPoolSize=2&busy_timeout=150");
        try (Connection c = DriverManager.getConnection(url); Connection other = DriverManager.getConnection(url);
             Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery(RETURNING);
            assertTrue(rs.next());
            rs.close();
            anotherWriterGetsIn(other);
        }
    }

    @Test
    void aReturningResultSetReleasesTheWriteGateWhenItsStatementRunsAgain() throws Exception {
        String url = pool("maxPoolSize=2&busy_timeout=150");
        try (Connection c = DriverManager.getConnection(url); Connection other = DriverManager.getConnection(url);
             Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery(RETURNING);
            assertTrue(rs.next());
            s.executeQuery("select 1").close();
            assertTrue(rs.isClosed());
            anotherWriterGetsIn(other);
        }
    }

    @Test
    void aReturningResultSetReleasesTheWriteGateWhenTheCallerMovesPastIt() throws Exception {
        String url = pool("maxPoolSize=2&busy_timeout=150");
        try (Connection c = DriverManager.getConnection(url); Connection other = DriverManager.getConnection(url);
             Statement s = c.createStatement()) {
            assertTrue(s.execute(RETURNING));
            assertTrue(s.getResultSet().next());
            assertFalse(s.getMoreResults());
            anotherWriterGetsIn(other);
        }
    }
}
