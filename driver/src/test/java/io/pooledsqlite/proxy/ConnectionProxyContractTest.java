package io.pooledsqlite.proxy;

import static io.pooledsqlite.Databases.physicalOf;
import static io.pooledsqlite.Databases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.pool.ConnectionPool;
import io.pooledsqlite.pool.PoolRegistry;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/**
 * The logical connection's contract where plain sqlite-jdbc is the oracle or the pool decides: every call on a
 * returned connection fails as closed, the statement factories all hand out wrappers, the cache is used and
 * counted, savepoints are SQLite's named savepoints, and returning undoes only what it must.
 */
class ConnectionProxyContractTest {
    private static final Duration LIMIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    String url;
    Path file;

    @BeforeEach
    void createTable() throws SQLException {
        url = Databases.url(dir, "maxPoolSize=1");
        file = Path.of(url.substring("jdbc:pooledsqlite:".length(), url.indexOf('?')));
        Databases.execute(url, "create table t(id integer primary key, v text)");
    }

    @AfterEach
    void closePools() {
        Databases.closePools(dir);
    }

    private Connection borrow() throws SQLException {
        return DriverManager.getConnection(url);
    }

    private ConnectionPool pool() throws SQLException {
        return PoolRegistry.shared(url, new Properties());
    }

    private static void assertClosed(Executable call) {
        SQLException e = assertThrows(SQLException.class, call);
        assertEquals("08003", e.getSQLState(), String.valueOf(e));
        assertEquals("Connection is closed", e.getMessage());
    }

    // ---------------------------------------------------------------- a returned connection

    /** A connection its borrower closed, and a savepoint it set before. */
    private Connection returned() throws SQLException {
        Connection c = borrow();
        c.setAutoCommit(false);
        savepoint = c.setSavepoint("kept");
        c.rollback();
        c.close();
        return c;
    }

    private Savepoint savepoint;

    @Test
    void getAutoCommitOnAReturnedConnectionFailsAsClosed() throws Exception {
        Connection c = returned();
        assertClosed(c::getAutoCommit);
    }

    @Test
    void isReadOnlyOnAReturnedConnectionFailsAsClosed() throws Exception {
        Connection c = returned();
        assertClosed(c::isReadOnly);
    }

    @Test
    void setReadOnlyToItsCurrentValueOnAReturnedConnectionFailsAsClosed() throws Exception {
        Connection c = returned();
        assertClosed(() -> c.setReadOnly(false));
    }

    @Test
    void getNetworkTimeoutOnAReturnedConnectionFailsAsClosed() throws Exception {
        Connection c = returned();
        assertClosed(c::getNetworkTimeout);
    }

    @Test
    void setNetworkTimeoutOnAReturnedConnectionFailsAsClosed() throws Exception {
        Connection c = returned();
        assertClosed(() -> c.setNetworkTimeout(Runnable::run, 10));
    }

    @Test
    void isWrapperForOnAReturnedConnectionFailsAsClosed() throws Exception {
        Connection c = returned();
        assertClosed(() -> c.isWrapperFor(Connection.class));
    }

    @Test
    void unwrapToItselfOnAReturnedConnectionFailsAsClosed() throws Exception {
        Connection c = returned();
        assertClosed(() -> c.unwrap(ConnectionProxy.class));
    }

    @Test
    void prepareCallOnAReturnedConnectionFailsAsClosed() throws Exception {
        Connection c = returned();
        assertClosed(() -> c.prepareCall("select 1"));
    }

    @Test
    void rollbackOnAReturnedConnectionFailsAsClosed() throws Exception {
        Connection c = returned();
        assertClosed(c::rollback);
    }

    @Test
    void rollbackToSavepointOnAReturnedConnectionFailsAsClosed() throws Exception {
        Connection c = returned();
        assertClosed(() -> c.rollback(savepoint));
    }

    @Test
    void releaseSavepointOnAReturnedConnectionFailsAsClosed() throws Exception {
        Connection c = returned();
        assertClosed(() -> c.releaseSavepoint(savepoint));
    }

    @Test
    void setSavepointOnAReturnedConnectionFailsAsClosed() throws Exception {
        Connection c = returned();
        assertClosed(c::setSavepoint);
    }

    @Test
    void commitOnAReturnedConnectionFailsAsClosed() throws Exception {
        Connection c = returned();
        assertClosed(c::commit);
    }

    /**
     * After {@code abort} the physical connection is closed too; a returned logical connection must not reach it
     * (sqlite-jdbc would answer with its own "database connection closed").
     */
    @Test
    void aReturnedConnectionDoesNotReachItsPhysicalConnectionAfterAbort() throws Exception {
        Connection c = borrow();
        ConnectionProxy proxy = c.unwrap(ConnectionProxy.class);
        SQLiteConnection physical = physicalOf(c);
        c.abort(Runnable::run);
        assertTrue(physical.isClosed());
        assertClosed(() -> c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE));
        assertClosed(() -> c.setHoldability(ResultSet.CLOSE_CURSORS_AT_COMMIT));
        assertClosed(proxy::physicalForFacade);
        assertFalse(c.isValid(0));
    }

    /** A stale reference must not take the next borrower's cached statement out of the cache. */
    @Test
    void aReturnedConnectionCannotTakeACachedStatement() throws Exception {
        Connection c = borrow();
        c.prepareStatement("select v from t").close();
        c.close();
        assertClosed(() -> c.prepareStatement("select v from t"));
        try (Connection next = borrow()) {
            long hits = pool().getStatementCacheHits();
            next.prepareStatement("select v from t").close();
            assertEquals(hits + 1, pool().getStatementCacheHits(), "the statement is still in the cache");
        }
    }

    /** JDBC: abort on a closed connection is a no-op, so the executor is not even used. */
    @Test
    void abortOnAReturnedConnectionDoesNothing() throws Exception {
        Connection c = borrow();
        c.close();
        AtomicInteger ran = new AtomicInteger();
        c.abort(r -> {
            ran.incrementAndGet();
            r.run();
        });
        assertEquals(0, ran.get());
        try (Connection open = borrow()) {
            SQLException e = assertThrows(SQLException.class, () -> open.abort(null));
            assertEquals("HY009", e.getSQLState());
        }
    }

    @Test
    void closingTwiceReturnsTheConnectionOnce() throws Exception {
        ConnectionPool pool = pool();
        long returns = pool.getReturns();
        Connection c = borrow();
        c.close();
        c.close();
        assertEquals(returns + 1, pool.getReturns());
        assertEquals(1, pool.getIdleConnections());
        assertEquals(1, pool.getTotalConnections());
    }

    /** A borrower that left nothing wrong gets its physical connection reused, not replaced. */
    @Test
    void aCleanReturnKeepsThePhysicalConnection() throws Exception {
        SQLiteConnection first;
        try (Connection c = borrow()) {
            first = physicalOf(c);
            c.createStatement().executeQuery("select 1").next();
            c.prepareStatement("select 2").executeQuery().next();
        }
        try (Connection c = borrow()) {
            assertSame(first, physicalOf(c));
        }
        assertEquals(0, pool().getConnectionsClosed());
    }

    /** Statements the caller closes are forgotten at once, so a long borrow making many does not grow. */
    @Test
    void closedStatementsAreForgottenAtOnce() throws Exception {
        try (Connection c = borrow()) {
            ConnectionProxy proxy = c.unwrap(ConnectionProxy.class);
            Statement first = c.createStatement();
            Statement second = c.createStatement();
            PreparedStatement third = c.prepareStatement("select 1");
            assertEquals(3, openOf(proxy).size());
            first.close();
            assertEquals(2, openOf(proxy).size());
            third.close();
            second.close();
            assertEquals(0, openOf(proxy).size());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<AutoCloseable> openOf(ConnectionProxy proxy) throws ReflectiveOperationException {
        Field open = ConnectionProxy.class.getDeclaredField("open");
        open.setAccessible(true);
        return (List<AutoCloseable>) open.get(proxy);
    }

    @Test
    void theActionForTheReturnRunsOnceAfterTheConnectionIsBack() throws Exception {
        ConnectionPool pool = pool();
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger idleWhenRun = new AtomicInteger(-1);
        Connection c = pool.getConnection(System.nanoTime() + LIMIT.toNanos(), () -> {
            ran.incrementAndGet();
            idleWhenRun.set(pool.getIdleConnections());
        });
        assertEquals(0, ran.get());
        c.close();
        c.close();
        assertEquals(1, ran.get());
        assertEquals(1, idleWhenRun.get(), "the connection was back in the pool first");
    }

    @Test
    void toStringNamesThePoolAndSaysWhenClosed() throws Exception {
        Connection c = borrow();
        String name = pool().getPoolName();
        assertEquals("ConnectionProxy[" + name + "]", c.toString());
        c.close();
        assertEquals("ConnectionProxy[" + name + ", closed]", c.toString());
    }

    // ---------------------------------------------------------------- validity and timeouts

    @Test
    void isValidWithoutTimeoutIsTrueAndANegativeTimeoutIsRefused() throws Exception {
        try (Connection c = borrow(); Connection raw = Databases.raw(file)) {
            assertEquals(raw.isValid(0), c.isValid(0));
            assertTrue(c.isValid(0));
            assertTrue(c.isValid(1));
            SQLException e = assertThrows(SQLException.class, () -> c.isValid(-1));
            assertEquals("HY024", e.getSQLState());
        }
    }

    /** A borrower that closed the physical connection itself finds its connection no longer valid. */
    @Test
    void isValidAsksThePhysicalConnection() throws Exception {
        Connection c = borrow();
        physicalOf(c).close();
        assertFalse(c.isValid(1));
        assertFalse(c.isClosed(), "the logical connection is still the borrower's to close");
        c.close();
        try (Connection next = borrow()) {
            assertEquals(0, queryLong(next, "select count(*) from t"), "the pool opened a new one");
        }
    }

    @Test
    void aZeroNetworkTimeoutIsAccepted() throws Exception {
        try (Connection c = borrow()) {
            c.setNetworkTimeout(Runnable::run, 0);
            assertEquals(0, c.getNetworkTimeout());
            c.setNetworkTimeout(Runnable::run, 7);
            assertEquals(7, c.getNetworkTimeout());
            SQLException e = assertThrows(SQLException.class, () -> c.setNetworkTimeout(Runnable::run, -1));
            assertEquals("HY024", e.getSQLState());
        }
    }

    // ---------------------------------------------------------------- statement factories

    @Test
    void everyStatementFactoryHandsOutAWrapperOfThisConnection() throws Exception {
        try (Connection c = borrow()) {
            List<Statement> made = List.of(
                    c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY),
                    c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
                            ResultSet.CLOSE_CURSORS_AT_COMMIT),
                    c.prepareStatement("select 1", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY),
                    c.prepareStatement("select 1", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
                            ResultSet.CLOSE_CURSORS_AT_COMMIT),
                    c.prepareStatement("select 1", Statement.RETURN_GENERATED_KEYS),
                    c.prepareStatement("select 1", new int[] {1}),
                    c.prepareStatement("select 1", new String[] {"id"}));
            for (Statement s : made) {
                assertNotNull(s);
                assertTrue(s instanceof StatementProxy, s.getClass().getName());
                assertSame(c, s.getConnection());
                if (s instanceof PreparedStatement) {
                    try (ResultSet rs = ((PreparedStatement) s).executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(1, rs.getInt(1));
                    }
                } else {
                    assertEquals(1, queryOne(s));
                }
            }
        }
    }

    private static long queryOne(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    /** Each prepareStatement variant reuses its own cached statement, and hits and misses are counted. */
    @Test
    void everyPrepareVariantReusesItsCachedStatement() throws Exception {
        ConnectionPool pool = pool();
        try (Connection c = borrow()) {
            String sql = "insert into t(v) values (?) /* variant ";
            List<Executable> variants = List.of(
                    () -> use(c.prepareStatement(sql + "1 */")),
                    () -> use(c.prepareStatement(sql + "2 */", ResultSet.TYPE_FORWARD_ONLY,
                            ResultSet.CONCUR_READ_ONLY)),
                    () -> use(c.prepareStatement(sql + "3 */", ResultSet.TYPE_FORWARD_ONLY,
                            ResultSet.CONCUR_READ_ONLY, ResultSet.CLOSE_CURSORS_AT_COMMIT)),
                    () -> use(c.prepareStatement(sql + "4 */", Statement.RETURN_GENERATED_KEYS)),
                    () -> use(c.prepareStatement(sql + "5 */", new int[] {1})),
                    () -> use(c.prepareStatement(sql + "6 */", new String[] {"id"})));
            for (Executable v : variants) {
                long hits = pool.getStatementCacheHits();
                long misses = pool.getStatementCacheMisses();
                try {
                    v.execute();
                    assertEquals(misses + 1, pool.getStatementCacheMisses(), "first use prepares");
                    assertEquals(hits, pool.getStatementCacheHits());
                    v.execute();
                    assertEquals(hits + 1, pool.getStatementCacheHits(), "second use comes from the cache");
                    assertEquals(misses + 1, pool.getStatementCacheMisses());
                } catch (Throwable t) {
                    throw new AssertionError(t);
                }
            }
            assertEquals(12, queryLong(c, "select count(*) from t"));
        }
    }

    private static void use(PreparedStatement ps) throws SQLException {
        try (ps) {
            ps.setString(1, "x");
            assertEquals(1, ps.executeUpdate());
        }
    }

    /** The cache hands back the very statement SQLite prepared, not a new one. */
    @Test
    void aCacheHitIsThePreviouslyPreparedStatement() throws Exception {
        Object physicalFirst;
        try (Connection c = borrow()) {
            PreparedStatement ps = c.prepareStatement("select v from t");
            physicalFirst = ps.unwrap(org.sqlite.jdbc3.JDBC3PreparedStatement.class);
            ps.close();
            PreparedStatement again = c.prepareStatement("select v from t");
            assertSame(physicalFirst, again.unwrap(org.sqlite.jdbc3.JDBC3PreparedStatement.class));
        }
    }

    /** SQLite has no stored procedures: every prepareCall is refused, as sqlite-jdbc would not run one. */
    @Test
    void everyPrepareCallIsRefused() throws Exception {
        try (Connection c = borrow()) {
            SQLException e = assertThrows(SQLFeatureNotSupportedException.class, () -> c.prepareCall("select 1",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY));
            assertEquals("0A000", e.getSQLState());
            assertThrows(SQLFeatureNotSupportedException.class, () -> c.prepareCall("select 1",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, ResultSet.CLOSE_CURSORS_AT_COMMIT));
        }
    }

    /**
     * SQLite refuses VACUUM while a statement is active; the pool's idle cached ones and its own transaction
     * statements must not count.
     */
    @Test
    void vacuumRunsWithIdleCachedStatements() throws Exception {
        try (Connection c = borrow(); Connection raw = Databases.raw(dir.resolve("raw.db"))) {
            raw.createStatement().executeUpdate("create table t(id integer primary key, v text)");
            for (Connection each : List.of(raw, c)) {
                try (Statement s = each.createStatement()) {
                    s.executeUpdate("insert into t(v) values ('a'), ('b')");
                }
                try (PreparedStatement ps = each.prepareStatement("select v from t");
                     ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                }
                each.setAutoCommit(false);
                try (PreparedStatement ps = each.prepareStatement("insert into t(v) values (?)")) {
                    ps.setString(1, "c");
                    ps.executeUpdate();
                }
                each.commit();
                each.setAutoCommit(true);
                String who = each == raw ? "sqlite-jdbc" : "pooled";
                org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> {
                    try (Statement s = each.createStatement()) {
                        s.execute("vacuum");
                    }
                }, who);
            }
        }
    }

    /**
     * SQLite keeps the write lock of an auto-commit {@code INSERT … RETURNING} until its result set is done; the
     * write gate is held as long and let go when the result set is closed, so the next writer goes on.
     */
    @Test
    void aReturningResultSetHoldsTheWriteGateUntilItIsClosed() throws Exception {
        String two = Databases.url(dir, "maxPoolSize=2");
        Databases.execute(two, "create table r(id integer primary key, v text)");
        try (Connection a = DriverManager.getConnection(two); Connection b = DriverManager.getConnection(two)) {
            try (Statement s = a.createStatement();
                 ResultSet rs = s.executeQuery("insert into r(v) values ('a'), ('b') returning id")) {
                assertTrue(rs.next());
            }
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                try (Statement s = b.createStatement()) {
                    assertEquals(1, s.executeUpdate("insert into r(v) values ('c')"));
                }
            });
            assertEquals(3, queryLong(a, "select count(*) from r"));
        }
    }

    /**
     * A plain query closed while an {@code INSERT … RETURNING} result set of the same connection is still open
     * does not let the write gate go: the next writer waits for the gate (not in SQLite's busy handler) until
     * the RETURNING result set is closed.
     */
    @Test
    void aQueryClosedBesideAnOpenReturningResultSetKeepsTheGate() throws Exception {
        String two = Databases.url(dir, "maxPoolSize=2&busy_timeout=3000");
        Databases.execute(two, "create table r(id integer primary key, v text)");
        ConnectionPool pool = PoolRegistry.shared(two, new Properties());
        java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Connection a = DriverManager.getConnection(two); Connection b = DriverManager.getConnection(two)) {
            Statement returning = a.createStatement();
            ResultSet rs1 = returning.executeQuery("insert into r(v) values ('a'), ('b') returning id");
            assertTrue(rs1.next());
            try (Statement q = a.createStatement(); ResultSet rs2 = q.executeQuery("select 1")) {
                assertTrue(rs2.next());
            }
            long waits = pool.getWriteGateWaits();
            java.util.concurrent.Future<Integer> insert = writer.submit(() -> {
                try (Statement s = b.createStatement()) {
                    return s.executeUpdate("insert into r(v) values ('c')");
                }
            });
            assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
                while (pool.getWriteGateWaits() == waits) {
                    Thread.onSpinWait();
                }
            }, "the writer waits for the gate");
            rs1.close();
            returning.close();
            assertEquals(1, insert.get(2, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            writer.shutdownNow();
        }
    }

    /**
     * sqlite-jdbc reports a schema statement's update count from {@code changes()} of the last DML: after the
     * borrower's own insert it is that insert's count, as on a fresh plain connection (executeUpdate,
     * getUpdateCount after execute, and batches).
     */
    @Test
    void aSchemaStatementAfterTheBorrowersOwnInsertCountsAsOnSqliteJdbc() throws Exception {
        try (Connection c = borrow(); Connection raw = Databases.raw(dir.resolve("raw.db"))) {
            raw.createStatement().executeUpdate("create table t(id integer primary key, v text)");
            List<String> answers = new java.util.ArrayList<>();
            for (Connection each : List.of(raw, c)) {
                StringBuilder seen = new StringBuilder();
                try (Statement s = each.createStatement()) {
                    assertEquals(2, s.executeUpdate("insert into t(v) values ('a'), ('b')"));
                    seen.append(s.executeUpdate("create table u(x)")).append(' ');
                    s.execute("create table w(x)");
                    seen.append(s.getUpdateCount()).append(' ');
                    seen.append(s.getLargeUpdateCount()).append(' ');
                    s.addBatch("create table y(x)");
                    s.addBatch("insert into t(v) values ('c')");
                    seen.append(java.util.Arrays.toString(s.executeBatch())).append(' ');
                    s.addBatch("create table z(x)");
                    seen.append(java.util.Arrays.toString(s.executeLargeBatch()));
                }
                answers.add(seen.toString());
            }
            assertEquals(answers.get(0), answers.get(1), "sqlite-jdbc, then pooled");
        }
    }

    @Test
    void theConnectionIsAWrapperForItselfAndSqliteJdbcsConnectionOnly() throws Exception {
        try (Connection c = borrow()) {
            assertTrue(c.isWrapperFor(ConnectionProxy.class));
            assertTrue(c.isWrapperFor(Connection.class));
            assertTrue(c.isWrapperFor(SQLiteConnection.class));
            assertFalse(c.isWrapperFor(String.class));
            assertFalse(c.isWrapperFor(Statement.class));
        }
    }

    // ---------------------------------------------------------------- savepoints

    @Test
    void aNamedSavepointIsSqlitesSavepointOfThatName() throws Exception {
        try (Connection c = borrow(); Connection raw = Databases.raw(dir.resolve("raw.db"))) {
            raw.createStatement().executeUpdate("create table t(id integer primary key, v text)");
            for (Connection each : List.of(c, raw)) {
                each.setAutoCommit(false);
                Savepoint sp = each.setSavepoint("half");
                assertEquals("half", sp.getSavepointName());
                each.createStatement().executeUpdate("insert into t(v) values ('x')");
                each.createStatement().execute("rollback to savepoint half");
                assertEquals(0, queryLong(each, "select count(*) from t"), each.toString());
                each.rollback();
                each.setAutoCommit(true);
            }
        }
    }

    @Test
    void aNamedSavepointHasNoIdAndAnUnnamedOneNoName() throws Exception {
        try (Connection c = borrow()) {
            c.setAutoCommit(false);
            Savepoint named = c.setSavepoint("n");
            SQLException noId = assertThrows(SQLException.class, named::getSavepointId);
            assertEquals("HY024", noId.getSQLState());
            Savepoint first = c.setSavepoint();
            Savepoint second = c.setSavepoint();
            assertEquals(first.getSavepointId() + 1, second.getSavepointId());
            SQLException noName = assertThrows(SQLException.class, first::getSavepointName);
            assertEquals("HY024", noName.getSQLState());
            c.createStatement().executeUpdate("insert into t(v) values ('x')");
            c.rollback(second);
            c.releaseSavepoint(first);
            c.commit();
        }
    }

    // ---------------------------------------------------------------- read-only, commit

    /** sqlite-jdbc: asking for the read-only mode a connection already has is a no-op, inside a transaction too. */
    @Test
    void unchangedReadOnlyInsideATransactionIsANoOp() throws Exception {
        try (Connection c = borrow(); Connection raw = Databases.raw(file)) {
            for (Connection each : List.of(c, raw)) {
                each.setAutoCommit(false);
                each.createStatement().executeQuery("select count(*) from t").close();
                each.setReadOnly(false);
                assertFalse(each.isReadOnly());
                each.rollback();
                each.setAutoCommit(true);
            }
        }
    }

    /** Read-only mode that SQLite could not apply is not reported as set (sqlite-jdbc refuses it too). */
    @Test
    void readOnlyThatCouldNotBeAppliedIsNotReported() throws Exception {
        try (Connection c = borrow(); Connection raw = Databases.raw(file)) {
            raw.close();
            physicalOf(c).close();
            assertThrows(SQLException.class, () -> raw.setReadOnly(true));
            assertThrows(SQLException.class, () -> c.setReadOnly(true));
            assertFalse(c.isReadOnly());
        }
    }

    /**
     * A deferred foreign key makes COMMIT fail while SQLite keeps the transaction: the caller gets SQLite's
     * error, not "rolled back", and can fix the data and commit, as with plain sqlite-jdbc.
     */
    @Test
    void aCommitSqliteRefusesKeepsTheTransaction() throws Exception {
        Databases.execute(url, "create table child(p integer references t(id) deferrable initially deferred)");
        try (Connection c = borrow(); Connection raw = Databases.raw(file)) {
            for (Connection each : List.of(c, raw)) {
                each.createStatement().execute("pragma foreign_keys = on");
                each.setAutoCommit(false);
                each.createStatement().executeUpdate("insert into child values (42)");
                SQLException e = assertThrows(SQLException.class, each::commit);
                assertFalse(e.getMessage().startsWith("Commit failed and SQLite rolled"), e.getMessage());
                assertTrue(e.getMessage().contains("FOREIGN KEY"), e.getMessage());
                each.createStatement().executeUpdate("delete from child");
                each.commit();
                each.setAutoCommit(true);
                each.createStatement().execute("pragma foreign_keys = off");
            }
        }
    }
}
