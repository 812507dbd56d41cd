package io.pooledsqlite.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pooled {@link PreparedStatement} answers as a freshly prepared sqlite-jdbc statement does, although its
 * physical statement is lent from the connection's cache: closing it gives the physical statement back with
 * parameters, batch and limits reset, and what it reports is a fresh statement's.
 */
class PreparedStatementProxyContractTest {
    private static final String TABLE = "create table t(id integer primary key, v text)";
    private static final String SELECT = "select v from t where id > ?";
    private static final String INSERT = "insert into t(v) values (?)";

    @TempDir
    Path dir;
    String url;
    Connection raw;

    @BeforeEach
    void createTables() throws SQLException {
        url = Databases.url(dir, "maxPoolSize=1");
        Databases.execute(url, TABLE);
        raw = Databases.raw(dir.resolve("raw.db"));
        raw.createStatement().executeUpdate(TABLE);
    }

    @AfterEach
    void closeAll() throws SQLException {
        raw.close();
        Databases.closePools(dir);
    }

    private Connection borrow() throws SQLException {
        return DriverManager.getConnection(url);
    }

    private static PreparedStatement physical(PreparedStatement ps) throws SQLException {
        return ps.unwrap(org.sqlite.jdbc4.JDBC4PreparedStatement.class);
    }

    private static Object metadataTwin(PreparedStatement ps) throws Exception {
        Field f = PreparedStatementProxy.class.getDeclaredField("metadataTwin");
        f.setAccessible(true);
        return f.get(ps);
    }

    @Test
    void executionsAnswerAsSqliteJdbcDoes() throws Exception {
        try (Connection c = borrow()) {
            for (Connection on : List.of(c, raw)) {
                String which = on == c ? "pooled" : "plain";
                try (PreparedStatement insert = on.prepareStatement(INSERT);
                     PreparedStatement select = on.prepareStatement(SELECT)) {
                    insert.setString(1, "a");
                    assertFalse(insert.execute(), which);
                    assertEquals(1, insert.getUpdateCount(), which);
                    insert.setString(1, "b");
                    assertEquals(1, insert.executeLargeUpdate(), which);
                    insert.setString(1, "c");
                    assertEquals(1, insert.executeUpdate(), which);
                    select.setInt(1, 1);
                    assertTrue(select.execute(), which);
                    try (ResultSet rs = select.getResultSet()) {
                        assertTrue(rs.next(), which);
                        assertEquals("b", rs.getString(1), which);
                    }
                }
            }
        }
    }

    @Test
    void aPreparedSchemaStatementCountsNothingAfterAnEarlierBorrowersInsert() throws Exception {
        try (PreparedStatement r = raw.prepareStatement("create table fresh(x)")) {
            assertEquals(0, r.executeUpdate(), "plain sqlite-jdbc, fresh connection");
        }
        Databases.execute(url, "insert into t(v) values ('a'), ('b'), ('c')");
        try (Connection c = borrow()) {
            try (PreparedStatement ps = c.prepareStatement("create table p1(x)")) {
                assertEquals(0, ps.executeUpdate());
            }
            try (PreparedStatement ps = c.prepareStatement("create table p2(x)")) {
                assertEquals(0, ps.executeLargeUpdate());
            }
        }
    }

    @Test
    void batchesRunAgainAndAClearedBatchRunsNothing() throws Exception {
        try (Connection c = borrow()) {
            for (Connection on : List.of(c, raw)) {
                String which = on == c ? "pooled" : "plain";
                try (PreparedStatement ps = on.prepareStatement(INSERT)) {
                    ps.setString(1, "a");
                    ps.addBatch();
                    ps.setString(1, "b");
                    ps.addBatch();
                    assertArrayEquals(new int[] {1, 1}, ps.executeBatch(), which);
                    ps.setString(1, "c");
                    ps.addBatch();
                    assertArrayEquals(new int[] {1}, ps.executeBatch(), which);
                    ps.setString(1, "d");
                    ps.addBatch();
                    assertArrayEquals(new long[] {1}, ps.executeLargeBatch(), which);
                    ps.setString(1, "e");
                    ps.addBatch();
                    assertArrayEquals(new long[] {1}, ps.executeLargeBatch(), which);
                    ps.setString(1, "f");
                    ps.addBatch();
                    ps.clearBatch();
                    assertArrayEquals(new int[0], ps.executeBatch(), which);
                    assertEquals(5, Databases.queryLong(on, "select count(*) from t"), which);
                }
            }
        }
    }

    @Test
    void aStatementGivenBackIsReusedWithParametersBatchAndLimitsOfAFreshOne() throws Exception {
        int fetchSize;
        int maxFieldSize;
        int fetchDirection;
        boolean poolable;
        try (PreparedStatement fresh = raw.prepareStatement(SELECT)) {
            fetchSize = fresh.getFetchSize();
            maxFieldSize = fresh.getMaxFieldSize();
            fetchDirection = fresh.getFetchDirection();
            poolable = fresh.isPoolable();
        }
        Databases.execute(url, "insert into t(v) values ('a'), ('b')");
        try (Connection c = borrow()) {
            PreparedStatement reused;
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                reused = physical(ps);
                ps.setInt(1, 0);
                ps.addBatch();
                ps.setFetchSize(fetchSize + 7);
                ps.setMaxFieldSize(maxFieldSize + 9);
                ps.setPoolable(!poolable);
                try {
                    ps.setFetchDirection(ResultSet.FETCH_REVERSE);
                } catch (SQLException refused) {
                    // sqlite-jdbc may refuse it; then there is nothing to reset
                }
                ps.setEscapeProcessing(false);
            }
            assertFalse(reused.isClosed(), "given back to the cache, not closed");
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                assertSame(reused, physical(ps), "the statement came from the cache");
                assertEquals(fetchSize, ps.getFetchSize());
                assertEquals(maxFieldSize, ps.getMaxFieldSize());
                assertEquals(fetchDirection, ps.getFetchDirection());
                assertEquals(poolable, ps.isPoolable());
                try (ResultSet rs = ps.executeQuery()) {
                    assertFalse(rs.next(), "the parameter is unbound again: id > NULL matches nothing");
                }
                ps.setInt(1, 0);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                }
            }
            PreparedStatement insert = c.prepareStatement(INSERT);
            insert.setString(1, "batched");
            insert.addBatch();
            insert.close();
            try (PreparedStatement again = c.prepareStatement(INSERT)) {
                assertArrayEquals(new int[0], again.executeBatch(), "the batch was cleared");
            }
            assertEquals(2, Databases.queryLong(c, "select count(*) from t"));
        }
    }

    @Test
    void aPhysicalStatementTheCallerClosedIsNotGivenBack() throws Exception {
        try (Connection c = borrow()) {
            PreparedStatement closedByCaller;
            try (PreparedStatement ps = c.prepareStatement("select 1")) {
                closedByCaller = physical(ps);
                closedByCaller.close();
            }
            try (PreparedStatement ps = c.prepareStatement("select 1"); ResultSet rs = ps.executeQuery()) {
                assertNotSame(closedByCaller, physical(ps));
                assertTrue(rs.next());
            }
        }
    }

    /** Metadata asked before this borrower runs a reused statement comes from a fresh twin, closed with it. */
    @Test
    void metadataOfAReusedStatementComesFromAFreshTwinClosedWithTheStatement() throws Exception {
        try (Connection c = borrow()) {
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                ps.setInt(1, 0);
                ps.executeQuery().close();
            }
            PreparedStatement ps = c.prepareStatement(SELECT);
            assertEquals(1, ps.getMetaData().getColumnCount());
            PreparedStatement twin = (PreparedStatement) metadataTwin(ps);
            assertNotNull(twin, "the statement ran before: a fresh twin answers");
            assertEquals(1, ps.getParameterMetaData().getParameterCount());
            ps.close();
            assertTrue(twin.isClosed(), "the twin closes with the statement");
            assertNull(metadataTwin(ps));
            SQLException e = assertThrows(SQLException.class, ps::getMetaData);
            assertEquals("HY010", e.getSQLState());
            e = assertThrows(SQLException.class, ps::getParameterMetaData);
            assertEquals("HY010", e.getSQLState());
        }
    }

    @Test
    void everyKindOfExecutionMarksTheStatementAsRun() throws Exception {
        String[] how = {"execute", "executeQuery", "executeBatch", "executeLargeBatch"};
        for (String h : how) {
            try (Connection c = borrow()) {
                String sql = "select v from t where id > ? and '" + h + "' = ?";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setInt(1, 0);
                    ps.setString(2, h);
                    switch (h) {
                        case "execute":
                            ps.execute();
                            break;
                        case "executeQuery":
                            ps.executeQuery();
                            break;
                        case "executeBatch":
                            ps.addBatch();
                            ps.executeBatch();
                            break;
                        default:
                            ps.addBatch();
                            ps.executeLargeBatch();
                            break;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.getMetaData();
                    assertNotNull(metadataTwin(ps), h + " ran it: the reused statement is not fresh");
                }
            }
        }
    }

    @Test
    void aStatementThatRanHereAnswersItsOwnMetadata() throws Exception {
        try (Connection c = borrow()) {
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                ps.setInt(1, 0);
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                ps.setInt(1, 0);
                ps.execute();
                assertEquals(1, ps.getMetaData().getColumnCount());
                assertEquals(1, ps.getParameterMetaData().getParameterCount());
                assertNull(metadataTwin(ps), "no twin for a statement that ran for this borrower");
            }
        }
    }

    /** SQLITE_BUSY from outside the pool: a single statement is retried, a batch never (part of it may have run). */
    @Test
    void aBatchIsNeverRetriedAfterSqliteBusy() throws Exception {
        String busy = Databases.url(dir, "maxPoolSize=1&busy_timeout=20");
        Databases.execute(busy, TABLE);
        io.pooledsqlite.metrics.PoolMXBean pool = io.pooledsqlite.PooledSqliteDriver.pool(busy, null);
        try (Connection outside = Databases.raw(Path.of(busy.substring("jdbc:pooledsqlite:".length(), busy.indexOf('?'))));
             Connection c = DriverManager.getConnection(busy)) {
            outside.setAutoCommit(false);
            outside.createStatement().executeUpdate("insert into t(v) values ('outside')");
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, "batched");
                ps.addBatch();
                long before = pool.getBusyRetries();
                assertThrows(SQLException.class, ps::executeBatch);
                assertEquals(before, pool.getBusyRetries(), "the batch was not retried");
                ps.setString(1, "large");
                ps.addBatch();
                assertThrows(SQLException.class, ps::executeLargeBatch);
                assertEquals(before, pool.getBusyRetries(), "the large batch was not retried");
                ps.setString(1, "single");
                assertThrows(SQLException.class, ps::executeUpdate);
                assertTrue(pool.getBusyRetries() > before, "a single statement is retried");
            }
            outside.rollback();
        }
    }
}
