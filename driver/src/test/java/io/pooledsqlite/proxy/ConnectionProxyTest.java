package io.pooledsqlite.proxy;

import static io.pooledsqlite.Databases.queryLong;
import static io.pooledsqlite.Databases.queryString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/** What a borrower can and cannot do with a logical connection, and what the pool undoes on return. */
class ConnectionProxyTest {
    @TempDir
    Path dir;
    String url;

    @BeforeEach
    void createTable() throws SQLException {
        url = Databases.url(dir, "maxPoolSize=1");
        Databases.execute(url, "create table t(id integer primary key, v text)");
    }

    @AfterEach
    void closePools() {
        Databases.closePools(dir);
    }

    private Connection borrow() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Test
    void uncommittedWorkIsRolledBackWhenTheConnectionIsReturned() throws Exception {
        try (Connection c = borrow()) {
            c.setAutoCommit(false);
            c.createStatement().executeUpdate("insert into t(v) values ('lost')");
        }
        try (Connection c = borrow()) {
            assertEquals(0, queryLong(c, "select count(*) from t"));
            assertTrue(c.getAutoCommit(), "auto-commit is back on");
            c.createStatement().executeUpdate("insert into t(v) values ('kept')");
        }
        try (Connection c = borrow()) {
            assertEquals(1, queryLong(c, "select count(*) from t"), "the next borrower is not inside a transaction");
        }
    }

    @Test
    void commitMakesWorkVisibleAndRollbackDiscardsIt() throws Exception {
        try (Connection c = borrow()) {
            c.setAutoCommit(false);
            c.createStatement().executeUpdate("insert into t(v) values ('a')");
            c.commit();
            c.createStatement().executeUpdate("insert into t(v) values ('b')");
            c.rollback();
            c.setAutoCommit(true);
            assertEquals(1, queryLong(c, "select count(*) from t"));
        }
    }

    @Test
    void switchingAutoCommitBackOnCommitsTheOpenTransaction() throws Exception {
        try (Connection c = borrow()) {
            c.setAutoCommit(false);
            c.createStatement().executeUpdate("insert into t(v) values ('a')");
            c.setAutoCommit(true);
        }
        try (Connection c = borrow()) {
            assertEquals(1, queryLong(c, "select count(*) from t"));
        }
    }

    @Test
    void commitInAutoCommitModeIsAnError() throws Exception {
        try (Connection c = borrow()) {
            SQLException e = assertThrows(SQLException.class, c::commit);
            assertEquals("25000", e.getSQLState());
        }
    }

    @Test
    void savepointsRollBackPartOfATransaction() throws Exception {
        try (Connection c = borrow()) {
            c.setAutoCommit(false);
            c.createStatement().executeUpdate("insert into t(v) values ('keep')");
            Savepoint sp = c.setSavepoint("half");
            c.createStatement().executeUpdate("insert into t(v) values ('drop')");
            c.rollback(sp);
            c.releaseSavepoint(sp);
            Savepoint unnamed = c.setSavepoint();
            assertTrue(unnamed.getSavepointId() > 0);
            c.commit();
            assertEquals("keep", queryString(c, "select group_concat(v) from t"));
        }
    }

    @Test
    void readOnlyIsEnforcedAndResetOnReturn() throws Exception {
        try (Connection c = borrow()) {
            c.setReadOnly(true);
            assertTrue(c.isReadOnly());
            SQLException e = assertThrows(SQLException.class,
                    () -> c.createStatement().executeUpdate("insert into t(v) values ('x')"));
            assertEquals("25006", e.getSQLState(), e.getMessage());
            assertEquals(0, queryLong(c, "select count(*) from t"), "reads still work");
        }
        try (Connection c = borrow()) {
            assertFalse(c.isReadOnly());
            c.createStatement().executeUpdate("insert into t(v) values ('x')");
        }
    }

    /**
     * The isolation level is SQLite's {@code read_uncommitted} pragma, so the next borrower must find it
     * off again. (Holdability is not checked here: sqlite-jdbc has one and refuses any other, see
     * {@code BorrowerStateTest}.)
     */
    @Test
    void isolationIsRestoredOnReturn() throws Exception {
        int isolation;
        try (Connection c = borrow()) {
            isolation = c.getTransactionIsolation();
            c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            assertEquals(Connection.TRANSACTION_READ_UNCOMMITTED, c.getTransactionIsolation());
            assertEquals(1, queryLong(c, "pragma read_uncommitted"));
        }
        try (Connection c = borrow()) {
            assertEquals(isolation, c.getTransactionIsolation());
            assertEquals(0, queryLong(c, "pragma read_uncommitted"), "the next borrower reads committed data only");
        }
    }

    @Test
    void statementsAndResultSetsLeftOpenAreClosedOnReturnSoTheNextBorrowerSeesFreshData() throws Exception {
        Databases.execute(url, "insert into t(v) values ('first')");
        Statement leftOpen;
        ResultSet rsLeftOpen;
        PreparedStatement psLeftOpen;
        try (Connection c = borrow()) {
            leftOpen = c.createStatement();
            rsLeftOpen = leftOpen.executeQuery("select v from t");
            assertTrue(rsLeftOpen.next());
            psLeftOpen = c.prepareStatement("select count(*) from t");
            psLeftOpen.executeQuery().next();
        }
        assertTrue(leftOpen.isClosed());
        assertTrue(rsLeftOpen.isClosed());
        assertTrue(psLeftOpen.isClosed());
        try (Connection other = Databases.raw(Path.of(url.substring(18, url.indexOf('?'))))) {
            other.createStatement().executeUpdate("insert into t(v) values ('second')");
        }
        try (Connection c = borrow()) {
            assertEquals(2, queryLong(c, "select count(*) from t"), "no read snapshot survived the return");
        }
    }

    @Test
    void aClosedConnectionThrowsOnUseAndClosingTwiceIsHarmless() throws Exception {
        Connection c = borrow();
        Statement s = c.createStatement();
        c.close();
        c.close();
        assertTrue(c.isClosed());
        assertFalse(c.isValid(1));
        SQLException e = assertThrows(SQLException.class, c::createStatement);
        assertEquals("08003", e.getSQLState());
        assertThrows(SQLException.class, () -> c.prepareStatement("select 1"));
        assertThrows(SQLException.class, () -> c.setAutoCommit(false));
        assertThrows(SQLException.class, c::getMetaData);
        assertThrows(SQLException.class, () -> s.executeQuery("select 1"));
    }

    @Test
    void aStaleReferenceCannotReachTheNextBorrowersWork() throws Exception {
        Connection first = borrow();
        first.close();
        try (Connection second = borrow()) {
            second.setAutoCommit(false);
            second.createStatement().executeUpdate("insert into t(v) values ('mine')");
            assertThrows(SQLException.class, first::commit);
            assertThrows(SQLException.class, () -> first.createStatement());
            second.commit();
        }
    }

    @Test
    void noPathLeadsToThePhysicalConnection() throws Exception {
        try (Connection c = borrow()) {
            Statement s = c.createStatement();
            assertSame(c, s.getConnection());
            ResultSet rs = s.executeQuery("select 1");
            assertSame(s, rs.getStatement());
            PreparedStatement ps = c.prepareStatement("select 1");
            assertSame(c, ps.getConnection());
            assertSame(ps, ps.executeQuery().getStatement());
            DatabaseMetaData md = c.getMetaData();
            assertSame(c, md.getConnection());
            ResultSet tables = md.getTables(null, null, "%", null);
            assertNull(tables.getStatement(), "metadata result sets have no statement, as JDBC says");
            assertThrows(SQLFeatureNotSupportedException.class, () -> c.prepareCall("select 1"));
        }
    }

    @Test
    void unwrapReachesTheSqliteConnection() throws Exception {
        try (Connection c = borrow()) {
            assertTrue(c.isWrapperFor(SQLiteConnection.class));
            SQLiteConnection physical = c.unwrap(SQLiteConnection.class);
            assertFalse(physical.isClosed());
            assertSame(c, c.unwrap(Connection.class));
            assertThrows(SQLException.class, () -> c.unwrap(String.class));
        }
    }

    @Test
    void sqliteErrorsArriveWithStandardSqlStates() throws Exception {
        try (Connection c = borrow()) {
            c.createStatement().executeUpdate("create table u(id integer primary key, n text not null unique)");
            SQLException syntax = assertThrows(SQLException.class, () -> c.createStatement().executeQuery("selec 1"));
            assertEquals("42000", syntax.getSQLState());
            assertTrue(syntax instanceof java.sql.SQLSyntaxErrorException);
            SQLException missing = assertThrows(SQLException.class, () -> c.prepareStatement("select * from nope"));
            assertEquals("42S02", missing.getSQLState());
            c.createStatement().executeUpdate("insert into u(n) values ('a')");
            SQLException dup = assertThrows(SQLException.class,
                    () -> c.createStatement().executeUpdate("insert into u(n) values ('a')"));
            assertEquals("23505", dup.getSQLState());
            assertTrue(dup instanceof java.sql.SQLIntegrityConstraintViolationException);
            assertEquals(2067, dup.getErrorCode(), "the SQLite result code stays the error code");
            SQLException notNull = assertThrows(SQLException.class,
                    () -> c.createStatement().executeUpdate("insert into u(n) values (null)"));
            assertEquals("23502", notNull.getSQLState());
        }
        try (Connection c = borrow()) {
            assertEquals(1, queryLong(c, "select count(*) from u"), "errors leave the pooled connection usable");
        }
    }

    @Test
    void aStatementsResultsEndTheWayJdbcResultLoopsExpect() throws Exception {
        try (Connection c = borrow(); Statement s = c.createStatement()) {
            assertFalse(s.execute("insert into t(v) values ('x')"));
            assertEquals(1, s.getUpdateCount());
            assertFalse(s.getMoreResults());
            assertEquals(-1, s.getUpdateCount(), "no more results and no update count: the loop ends");
            assertTrue(s.execute("select v from t"));
            ResultSet rs = s.getResultSet();
            assertFalse(s.getMoreResults());
            assertTrue(rs.isClosed());
            assertEquals(-1, s.getUpdateCount());
            try (PreparedStatement ps = c.prepareStatement("insert into t(v) values (?)")) {
                ps.setString(1, "y");
                ps.executeUpdate();
                assertFalse(ps.getMoreResults());
                assertEquals(-1, ps.getUpdateCount());
                ps.setString(1, "z");
                assertEquals(1, ps.executeUpdate(), "the statement still works afterwards");
            }
        }
    }

    @Test
    void withTranslateErrorsOffErrorsStayAsSqliteJdbcThrowsThem() throws Exception {
        String raw = url.replace("maxPoolSize=1", "maxPoolSize=2") + "&translateErrors=false";
        try (Connection first = DriverManager.getConnection(raw); Connection second = DriverManager.getConnection(raw)) {
            first.createStatement().executeUpdate("create table u(n text unique)");
            first.createStatement().executeUpdate("insert into u values ('a')");
            SQLException dup = assertThrows(SQLException.class,
                    () -> first.createStatement().executeUpdate("insert into u values ('a')"));
            assertTrue(dup instanceof org.sqlite.SQLiteException, dup.getClass().getName());
            assertEquals(org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE,
                    ((org.sqlite.SQLiteException) dup).getResultCode());
            first.setAutoCommit(false);
            first.createStatement().executeUpdate("insert into u values ('b')");
            SQLException busy = assertThrows(SQLException.class,
                    () -> second.createStatement().executeUpdate("insert into u values ('c')"));
            assertTrue(busy instanceof org.sqlite.SQLiteException, busy.getClass().getName());
            assertEquals(org.sqlite.SQLiteErrorCode.SQLITE_BUSY, ((org.sqlite.SQLiteException) busy).getResultCode());
            first.rollback();
        }
    }

    @Test
    void networkTimeoutIsAcceptedAndReportedBack() throws Exception {
        try (Connection c = borrow()) {
            c.setNetworkTimeout(Runnable::run, 1500);
            assertEquals(1500, c.getNetworkTimeout());
            assertThrows(SQLException.class, () -> c.setNetworkTimeout(Runnable::run, -1));
        }
    }

    @Test
    void abortTakesThePhysicalConnectionOutOfThePool() throws Exception {
        Connection c = borrow();
        SQLiteConnection physical = io.pooledsqlite.Databases.physicalOf(c);
        c.abort(Runnable::run);
        assertTrue(c.isClosed());
        assertTrue(physical.isClosed());
        try (Connection next = borrow()) {
            assertEquals(0, queryLong(next, "select count(*) from t"));
        }
    }

    /**
     * A prepared statement goes back to the cache with its settings reset only when a setter was called:
     * every {@code set*} of {@link Statement}, the ones added in later Java versions too, has to be noted.
     */
    @Test
    void everyStatementSetterIsNotedForTheCacheToReset() throws Exception {
        try (Connection c = borrow()) {
            List<String> unnoted = new ArrayList<>();
            for (Method setter : Statement.class.getMethods()) {
                if (!setter.getName().startsWith("set")) {
                    continue;
                }
                try (Statement s = c.prepareStatement("select v from t")) {
                    try {
                        setter.invoke(s, defaults(setter.getParameterTypes()));
                    } catch (InvocationTargetException refused) {
                        // a value the statement refuses is noted all the same: it may have changed before failing
                    }
                    if (!((StatementProxy) s).attributesChanged) {
                        unnoted.add(setter.getName());
                    }
                }
            }
            assertEquals(List.of(), unnoted);
        }
    }

    private static Object[] defaults(Class<?>[] types) {
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            values[i] = t == boolean.class ? Boolean.TRUE : t == int.class ? Integer.valueOf(1)
                    : t == long.class ? Long.valueOf(1) : t == String.class ? "c" : null;
        }
        return values;
    }
}
