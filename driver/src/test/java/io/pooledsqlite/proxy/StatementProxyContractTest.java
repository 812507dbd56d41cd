package io.pooledsqlite.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pooled {@link Statement} answers what a plain sqlite-jdbc statement on a fresh connection answers
 * (the oracle, {@link Databases#raw}), except where docs/differences.md says otherwise: results of an
 * earlier execution are closed, a closed statement refuses every call ({@code HY010}), and update counts
 * are a fresh connection's even when the physical connection's {@code changes()} is an earlier borrower's.
 */
class StatementProxyContractTest {
    private static final String TABLE = "create table t(id integer primary key, v text)";

    @TempDir
    Path dir;
    String url;
    Connection raw;

    @BeforeEach
    void createTables() throws SQLException {
        url = Databases.url(dir, "maxPoolSize=1");
        Databases.execute(url, TABLE);
        raw = Databases.raw(dir.resolve("raw.db"));
        try (Statement s = raw.createStatement()) {
            s.executeUpdate(TABLE);
        }
    }

    @AfterEach
    void closeAll() throws SQLException {
        raw.close();
        Databases.closePools(dir);
    }

    private Connection borrow() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** A borrower that inserted 3 rows went before: the physical connection's changes() is 3, a fresh one's 0. */
    private void anEarlierBorrowerInsertedThreeRows() throws SQLException {
        try (Connection c = borrow(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into t(v) values ('a'), ('b'), ('c')");
        }
    }

    private static void assertClosedStatementError(Executable call) {
        SQLException e = assertThrows(SQLException.class, call);
        assertEquals("HY010", e.getSQLState(), e.getMessage());
    }

    @Test
    void everyExecuteVariantAnswersAsSqliteJdbcDoes() throws Exception {
        try (Connection c = borrow(); Statement p = c.createStatement(); Statement r = raw.createStatement()) {
            for (Statement s : List.of(p, r)) {
                String which = s == p ? "pooled" : "plain";
                assertFalse(s.execute("insert into t(v) values ('x')", Statement.RETURN_GENERATED_KEYS), which);
                assertEquals(1, s.getUpdateCount(), which);
                assertEquals(1, s.getLargeUpdateCount(), which);
                assertNull(s.getResultSet(), which);
                assertTrue(s.execute("select v from t", Statement.NO_GENERATED_KEYS), which);
                assertEquals(-1, s.getUpdateCount(), which);
                try (ResultSet rs = s.getResultSet()) {
                    assertTrue(rs.next(), which);
                    assertEquals("x", rs.getString(1), which);
                }
                assertThrows(java.sql.SQLFeatureNotSupportedException.class,
                        () -> s.execute("insert into t(v) values ('y')", new int[] {1}), which);
                assertThrows(java.sql.SQLFeatureNotSupportedException.class,
                        () -> s.execute("insert into t(v) values ('z')", new String[] {"id"}), which);
                assertTrue(s.execute("select v from t"), which);
                assertFalse(s.execute("update t set v = v"), which);
                assertEquals(1, s.getUpdateCount(), which);
                s.getMoreResults();
                s.execute("delete from t");
            }
        }
    }

    @Test
    void everyUpdateVariantReturnsTheRowCount() throws Exception {
        try (Connection c = borrow(); Statement p = c.createStatement(); Statement r = raw.createStatement()) {
            for (Statement s : List.of(p, r)) {
                String which = s == p ? "pooled" : "plain";
                assertEquals(2, s.executeUpdate("insert into t(v) values ('a'), ('b')"), which);
                assertEquals(2, s.executeUpdate("insert into t(v) values ('a'), ('b')", Statement.RETURN_GENERATED_KEYS), which);
                assertEquals(2, s.executeLargeUpdate("insert into t(v) values ('a'), ('b')"), which);
                assertEquals(2, s.executeLargeUpdate("insert into t(v) values ('a'), ('b')", Statement.RETURN_GENERATED_KEYS), which);
                assertThrows(java.sql.SQLFeatureNotSupportedException.class,
                        () -> s.executeUpdate("insert into t(v) values ('a')", new int[] {1}), which);
                assertThrows(java.sql.SQLFeatureNotSupportedException.class,
                        () -> s.executeUpdate("insert into t(v) values ('a')", new String[] {"id"}), which);
                assertThrows(java.sql.SQLFeatureNotSupportedException.class,
                        () -> s.executeLargeUpdate("insert into t(v) values ('a')", new int[] {1}), which);
                assertThrows(java.sql.SQLFeatureNotSupportedException.class,
                        () -> s.executeLargeUpdate("insert into t(v) values ('a')", new String[] {"id"}), which);
                assertEquals(8, s.executeLargeUpdate("delete from t"), which);
                assertFalse(s.execute("insert into t(v) values ('a'), ('b')"), which);
                assertEquals(2, s.getLargeUpdateCount(), which);
            }
        }
    }

    /**
     * sqlite-jdbc reports changes() as the count of a schema statement: on a reused physical connection that is
     * the earlier borrower's figure, where a fresh connection reports 0. Every update variant says 0.
     */
    @Test
    void aSchemaStatementCountsNothingAfterAnEarlierBorrowersInsert() throws Exception {
        try (Statement r = raw.createStatement()) {
            assertEquals(0, r.executeUpdate("create table fresh(x)"), "plain sqlite-jdbc, fresh connection");
            assertFalse(r.execute("create table fresh2(x)"));
            assertEquals(0, r.getUpdateCount());
        }
        anEarlierBorrowerInsertedThreeRows();
        try (Connection c = borrow(); Statement s = c.createStatement()) {
            assertFalse(s.execute("create table e1(x)"));
            assertEquals(0, s.getUpdateCount());
            assertEquals(0, s.getLargeUpdateCount());
            assertEquals(0, s.executeUpdate("create table u0(x)"));
            assertEquals(0, s.executeUpdate("create table u1(x)", Statement.NO_GENERATED_KEYS));
            assertEquals(0, s.executeLargeUpdate("create table l0(x)"));
            assertEquals(0, s.executeLargeUpdate("create table l1(x)", Statement.NO_GENERATED_KEYS));
            assertEquals(1, s.executeUpdate("insert into t(v) values ('mine')"), "DML counts as always");
            assertFalse(s.execute("insert into t(v) values ('more')"));
            assertEquals(1, s.getUpdateCount());
        }
    }

    @Test
    void aBatchOfSchemaStatementsCountsNothingAfterAnEarlierBorrowersInsert() throws Exception {
        int[] plain;
        try (Statement r = raw.createStatement()) {
            r.addBatch("create table b1(x)");
            r.addBatch("create table b2(x)");
            plain = r.executeBatch();
        }
        assertArrayEquals(new int[] {0, 0}, plain, "plain sqlite-jdbc, fresh connection");
        anEarlierBorrowerInsertedThreeRows();
        try (Connection c = borrow(); Statement s = c.createStatement()) {
            s.addBatch("create table b1(x)");
            s.addBatch("create table b2(x)");
            assertArrayEquals(plain, s.executeBatch());
            s.addBatch("create table b3(x)");
            assertArrayEquals(new long[] {0}, s.executeLargeBatch());
            s.addBatch("insert into t(v) values ('d')");
            assertArrayEquals(new int[] {1}, s.executeBatch(), "the earlier batch's schema statements are forgotten");
            assertArrayEquals(new int[0], s.executeBatch(), "an executed batch is empty");
        }
        anEarlierBorrowerInsertedThreeRows();
        try (Connection c = borrow(); Statement s = c.createStatement()) {
            s.addBatch("create table b4(x)");
            assertArrayEquals(new long[] {0}, s.executeLargeBatch());
            s.addBatch("insert into t(v) values ('e')");
            assertArrayEquals(new long[] {1}, s.executeLargeBatch(), "the earlier large batch's statements are forgotten");
            assertArrayEquals(new long[0], s.executeLargeBatch());
        }
    }

    @Test
    void aClearedBatchRunsNothingAndForgetsItsStatements() throws Exception {
        try (Statement r = raw.createStatement()) {
            r.addBatch("insert into t(v) values ('x')");
            r.clearBatch();
            assertArrayEquals(new int[0], r.executeBatch());
        }
        anEarlierBorrowerInsertedThreeRows();
        try (Connection c = borrow(); Statement s = c.createStatement()) {
            s.addBatch("insert into t(v) values ('x')");
            s.clearBatch();
            assertArrayEquals(new int[0], s.executeBatch());
            assertEquals(3, Databases.queryLong(c, "select count(*) from t"), "the cleared insert did not run");
            s.addBatch("create table cleared(x)");
            s.clearBatch();
            s.addBatch("insert into t(v) values ('y')");
            assertArrayEquals(new int[] {1}, s.executeBatch(), "the cleared schema statement is forgotten");
        }
    }

    @Test
    void reExecutingAStatementClosesItsPreviousResultSetAndGeneratedKeys() throws Exception {
        try (Connection c = borrow(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into t(v) values ('a'), ('b')");
            ResultSet keys = s.getGeneratedKeys();
            ResultSet first = s.executeQuery("select v from t order by id");
            assertTrue(keys.isClosed(), "the keys belonged to the insert");
            assertTrue(first.next());
            ResultSet second = s.executeQuery("select v from t order by id desc");
            assertNotSame(first, second);
            assertTrue(first.isClosed());
            SQLException e = assertThrows(SQLException.class, first::next);
            assertEquals("HY010", e.getSQLState(), "the previous result set does not read the new rows");
            assertTrue(second.next());
            assertEquals("b", second.getString(1));
        }
    }

    @Test
    void askingForGeneratedKeysAgainClosesTheEarlierKeysButStillAnswersTheKeys() throws Exception {
        try (Statement r = raw.createStatement()) {
            r.executeUpdate("insert into t(v) values ('a')");
            r.getGeneratedKeys();
            ResultSet second = r.getGeneratedKeys();
            assertTrue(second.next(), "plain sqlite-jdbc");
            assertEquals(1, second.getLong(1));
        }
        try (Connection c = borrow(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into t(v) values ('a')");
            ResultSet first = s.getGeneratedKeys();
            ResultSet second = s.getGeneratedKeys();
            assertTrue(first.isClosed());
            assertTrue(second.next());
            assertEquals(1, second.getLong(1));
            s.close();
            assertTrue(second.isClosed(), "the keys close with their statement");
        }
    }

    @Test
    void generatedKeysCloseWithTheirStatement() throws Exception {
        try (Connection c = borrow(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into t(v) values ('a')");
            ResultSet keys = s.getGeneratedKeys();
            s.close();
            assertTrue(keys.isClosed());
        }
    }

    @Test
    void resultSetStateFollowsWhatTheCallerDid() throws Exception {
        try (Connection c = borrow(); Statement s = c.createStatement()) {
            assertNull(s.getResultSet(), "nothing ran yet");
            assertTrue(s.execute("select 1"));
            ResultSet rs = s.getResultSet();
            assertSame(rs, s.getResultSet(), "JDBC lets a caller ask twice");
            rs.close();
            assertNull(s.getResultSet(), "a closed result set is no current result");
            ResultSet query = s.executeQuery("select 2");
            query.close();
            assertNull(s.getResultSet());
        }
    }

    @Test
    void closeOnCompletionClosesTheStatementWithItsResultSet() throws Exception {
        try (Connection c = borrow(); Statement p = c.createStatement(); Statement r = raw.createStatement()) {
            for (Statement s : List.of(p, r)) {
                String which = s == p ? "pooled" : "plain";
                assertFalse(s.isCloseOnCompletion(), which);
                s.closeOnCompletion();
                assertTrue(s.isCloseOnCompletion(), which);
                ResultSet rs = s.executeQuery("select 1");
                assertFalse(s.isClosed(), which);
                rs.close();
                assertTrue(s.isClosed(), which);
            }
        }
    }

    @Test
    void closingAnEarlierResultSetDoesNotCompleteTheStatement() throws Exception {
        try (Connection c = borrow(); Statement s = c.createStatement()) {
            ResultSet old = s.executeQuery("select 1");
            ResultSet current = s.executeQuery("select 2");
            s.closeOnCompletion();
            old.close();
            assertFalse(s.isClosed());
            assertSame(current, s.getResultSet());
        }
    }

    @Test
    void aClosedStatementRefusesEveryCall() throws Exception {
        anEarlierBorrowerInsertedThreeRows(); // so generated keys would otherwise come from a fresh query
        try (Connection c = borrow()) {
            Statement s = c.createStatement();
            s.close();
            s.close();
            assertTrue(s.isClosed());
            assertClosedStatementError(s::getResultSet);
            assertClosedStatementError(s::getGeneratedKeys);
            assertClosedStatementError(s::getMoreResults);
            assertClosedStatementError(s::getConnection);
            assertClosedStatementError(s::closeOnCompletion);
            assertClosedStatementError(s::isCloseOnCompletion);
            assertClosedStatementError(() -> s.unwrap(Statement.class));
            assertClosedStatementError(() -> s.isWrapperFor(Statement.class));
            assertClosedStatementError(() -> s.executeQuery("select 1"));
        }
    }

    @Test
    void anOpenStatementAnswersItsConnectionAndUnwraps() throws Exception {
        try (Connection c = borrow(); Statement s = c.createStatement()) {
            assertSame(c, s.getConnection());
            assertTrue(s.isWrapperFor(Statement.class));
            assertTrue(s.isWrapperFor(org.sqlite.jdbc4.JDBC4Statement.class));
            assertFalse(s.isWrapperFor(String.class));
            assertSame(s, s.unwrap(Statement.class));
        }
    }

    @Test
    void closingAStatementClosesItsPhysicalStatement() throws Exception {
        try (Connection c = borrow()) {
            Statement s = c.createStatement();
            Statement physical = s.unwrap(org.sqlite.jdbc4.JDBC4Statement.class);
            s.close();
            assertTrue(physical.isClosed());
        }
    }

    @Test
    void closedStatementsAndResultSetsAreNoLongerTrackedByTheConnection() throws Exception {
        try (Connection c = borrow()) {
            List<?> open = openResources(c);
            Statement s = c.createStatement();
            ResultSet tables = c.getMetaData().getTables(null, null, "%", null);
            java.sql.PreparedStatement ps = c.prepareStatement("select 1");
            assertEquals(3, open.size());
            s.close();
            tables.close();
            ps.close();
            assertEquals(List.of(), open, "a long borrow that opens and closes statements keeps nothing");
        }
    }

    @Test
    void aStatementUsedAfterItsConnectionClosedFailsAsClosed() throws Exception {
        Connection c = borrow();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 1");
        c.close();
        assertTrue(s.isClosed());
        assertTrue(rs.isClosed());
        assertClosedStatementError(() -> s.executeQuery("select 1"));
    }

    static List<?> openResources(Connection c) throws Exception {
        ConnectionProxy proxy = c.unwrap(ConnectionProxy.class);
        Field open = ConnectionProxy.class.getDeclaredField("open");
        open.setAccessible(true);
        return (List<?>) open.get(proxy);
    }
}
