package io.pooledsqlite.pool;

import static io.pooledsqlite.Databases.queryLong;
import static io.pooledsqlite.Databases.queryString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.cache.CachedStatement;
import io.pooledsqlite.cache.StatementCache;
import io.pooledsqlite.config.ConfigParser;
import io.pooledsqlite.config.PoolConfig;
import io.pooledsqlite.engine.Engine;
import io.pooledsqlite.engine.resolve.EngineResolver;
import io.pooledsqlite.metrics.PoolMetrics;
import io.pooledsqlite.write.SqlClassifier;
import io.pooledsqlite.write.StatementKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One pool entry over a real sqlite-jdbc connection: what SQLite says about the statements it is asked
 * about, what its borrowers changed and how that is undone, and the return path that lends it again or
 * closes it. Entries made here directly are not in their pool's bag: the pool marks one it would close
 * {@link PoolEntry#REMOVED} (and leaves its physical connection to the test), one it lends again
 * {@link PoolEntry#IDLE}. The return path of the pool's own entries is watched through the pool.
 */
class PoolEntryTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private ConnectionPool pool;
    private final List<Connection> physicals = new ArrayList<>();

    @BeforeEach
    void startPool() throws SQLException {
        PoolConfig config = ConfigParser.parse(Databases.url(dir,
                "maxPoolSize=2&minIdle=1&connectionTimeout=2000&maxLifetime=" + HOUR.toMillis()), new Properties());
        pool = new ConnectionPool(config, EngineResolver.resolve(config), clock);
    }

    @AfterEach
    void close() throws SQLException {
        pool.close();
        for (Connection c : physicals) {
            c.close();
        }
    }

    private Connection raw() throws SQLException {
        Connection physical = Databases.raw(dir.resolve("entry.db"));
        physicals.add(physical);
        return physical;
    }

    /** An entry in use, over its own connection, whose fresh session is captured as the pool does. */
    private PoolEntry entry() throws SQLException {
        Connection physical = raw();
        return new PoolEntry(pool, physical, cache(),
                SessionReset.capture(physical, "false"), clock.at(System.nanoTime()));
    }

    /** As {@link #entry()}, without a captured session (it cannot restore anything). */
    private PoolEntry entryWithoutSession() throws SQLException {
        return new PoolEntry(pool, raw(), cache(), null,
                clock.at(System.nanoTime()));
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void giveBack(PoolEntry e, boolean broken) {
        e.borrowedNanos = System.nanoTime();
        e.giveBack(broken);
    }

    // ---------------------------------------------------------------- what the lease answers

    @Test
    void theLeaseAnswersForItsConnectionAndItsPool() throws Exception {
        Connection physical = raw();
        StatementCache cache = cache();
        PoolEntry e = new PoolEntry(pool, physical, cache, null, 0);
        assertSame(physical, e.physical());
        assertSame(cache, e.statements());
        assertNotNull(e.transaction());
        assertSame(e.transaction(), e.transaction());
        assertTrue(e.openResources().isEmpty());
        assertSame(e.openResources(), e.openResources(), "one list, reused across borrows");
        assertSame(pool.counters(), e.counters());
        assertEquals(pool.getPoolName(), e.poolName());
        assertEquals(pool.getEngine(), e.engineName());
        assertFalse(e.engineName().isEmpty());
        assertSame(pool.engine().errors(), e.errors());
        assertTrue(e.reachesOtherFiles());
        assertTrue(e.translateErrors(), "the default");
        assertFalse(e.sqliteJdbcSemantics(), "the default");
    }

    @Test
    void errorTranslationAndSqliteJdbcSemanticsAreThePoolsSettings() throws Exception {
        PoolConfig config = ConfigParser.parse(Databases.url(dir, "translateErrors=false&sqliteJdbcSemantics=true"),
                new Properties());
        ConnectionPool other = new ConnectionPool(config, EngineResolver.resolve(config), clock);
        try {
            PoolEntry e = new PoolEntry(other, raw(), cache(), null, 0);
            assertFalse(e.translateErrors());
            assertTrue(e.sqliteJdbcSemantics());
        } finally {
            other.close();
        }
    }

    @Test
    void anEngineThatKeepsDatabasesInMemoryReachesNoOtherFiles() throws Exception {
        PoolConfig config = ConfigParser.parse(Databases.url(dir, ""), new Properties());
        Engine real = EngineResolver.resolve(config);
        Engine inMemory = new Engine() {
            @Override
            public String name() {
                return "in-memory";
            }

            @Override
            public Connection open(String target, Properties sqliteSettings) throws SQLException {
                return real.open(target, sqliteSettings);
            }

            @Override
            public boolean reachesOtherFiles() {
                return false;
            }
        };
        ConnectionPool other = new ConnectionPool(config, inMemory, clock);
        try {
            PoolEntry e = new PoolEntry(other, raw(), cache(), null, 0);
            assertFalse(e.reachesOtherFiles());
            assertEquals("in-memory", e.engineName());
        } finally {
            other.close();
        }
    }

    @Test
    void aCorruptDatabaseReportedThroughAnEntryStopsThePoolLending() throws Exception {
        PoolEntry e = entry();
        e.databaseCorrupt(new SQLiteException("[SQLITE_CORRUPT] database disk image is malformed",
                SQLiteErrorCode.SQLITE_CORRUPT));
        SQLException refused = assertThrows(SQLException.class, pool::getConnection);
        assertEquals("XX001", refused.getSQLState());
    }

    @Test
    void aNewEntryIsInUseByItsCreatorAndItsStateChangesOnlyFromTheStateExpected() throws Exception {
        PoolEntry e = entry();
        assertEquals(PoolEntry.IN_USE, e.state());
        assertFalse(e.compareAndSet(PoolEntry.IDLE, PoolEntry.RESERVED));
        assertEquals(PoolEntry.IN_USE, e.state());
        assertTrue(e.compareAndSet(PoolEntry.IN_USE, PoolEntry.IDLE));
        assertEquals(PoolEntry.IDLE, e.state());
        e.setState(PoolEntry.REMOVED);
        assertEquals(PoolEntry.REMOVED, e.state());
    }

    // ---------------------------------------------------------------- the return path, entry by entry

    @Test
    void aHealthyEntryThatChangedNothingIsLentAgain() throws Exception {
        PoolEntry e = entryWithoutSession();
        giveBack(e, false);
        assertEquals(PoolEntry.IDLE, e.state());
    }

    @Test
    void aBrokenEntryIsClosedInsteadOfLentAgain() throws Exception {
        PoolEntry e = entry();
        giveBack(e, true);
        assertEquals(PoolEntry.REMOVED, e.state());
    }

    @Test
    void anEntryMarkedForEvictionIsClosedOnReturn() throws Exception {
        PoolEntry e = entry();
        e.evictOnReturn = true;
        giveBack(e, false);
        assertEquals(PoolEntry.REMOVED, e.state());
    }

    @Test
    void anEntryOlderThanMaxLifetimeIsClosedOnReturnAndAYoungerOneIsNot() throws Exception {
        PoolEntry young = entry();
        clock.advance(HOUR.minusMinutes(1));
        giveBack(young, false);
        assertEquals(PoolEntry.IDLE, young.state(), "59 minutes old");
        clock.advance(Duration.ofMinutes(2));
        giveBack(young, false);
        assertEquals(PoolEntry.REMOVED, young.state(), "61 minutes old");
    }

    @Test
    void anEntryReturnedToAClosedPoolIsClosed() throws Exception {
        PoolEntry e = entry();
        pool.close();
        giveBack(e, false);
        assertEquals(PoolEntry.REMOVED, e.state());
    }

    @Test
    void theSessionIsResetOnlyForAnEntryThatWouldOtherwiseBeKept() throws Exception {
        PoolEntry e = entry();
        exec(e.physical(), "PRAGMA foreign_keys = ON");
        e.noteStatement(SqlClassifier.classify("PRAGMA foreign_keys = ON"));
        giveBack(e, true);
        assertEquals(PoolEntry.REMOVED, e.state());
        assertEquals("1", queryString(e.physical(), "PRAGMA foreign_keys"), "a broken one is closed as it is");
    }

    @Test
    void aPendingLeakReportIsCancelledWhenTheConnectionComesBack() throws Exception {
        PoolEntry e = entry();
        ScheduledFuture<?> leak = Housekeeper.executor().schedule(() -> { }, 1, TimeUnit.HOURS);
        e.leakTask = leak;
        giveBack(e, false);
        assertTrue(leak.isCancelled());
        assertNull(e.leakTask);
        giveBack(e, false);
        assertEquals(PoolEntry.IDLE, e.state(), "no leak task is no error");
    }

    @Test
    void eachReturnCountsOnceAndAddsTheTimeTheConnectionWasHeld() throws Exception {
        PoolEntry e = entry();
        assertEquals(0, e.returns());
        assertEquals(0, e.usageNanos());
        e.borrowedNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(3);
        e.giveBack(false);
        assertEquals(1, e.returns());
        long afterOne = e.usageNanos();
        assertTrue(afterOne >= TimeUnit.SECONDS.toNanos(3) && afterOne < TimeUnit.SECONDS.toNanos(60), "" + afterOne);
        e.borrowedNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(2);
        e.giveBack(false);
        assertEquals(2, e.returns());
        assertTrue(e.usageNanos() >= afterOne + TimeUnit.SECONDS.toNanos(2), "" + e.usageNanos());
        assertTrue(e.usageNanos() < afterOne + TimeUnit.SECONDS.toNanos(60), "" + e.usageNanos());
    }

    @Test
    void acquireTimeIsAddedUp() throws Exception {
        PoolEntry e = entry();
        assertEquals(0, e.acquireNanos());
        e.addAcquireNanos(5);
        e.addAcquireNanos(7);
        assertEquals(12, e.acquireNanos());
    }

    @Test
    void theAgeOfAnEntryIsCountedFromItsCreation() throws Exception {
        PoolEntry e = new PoolEntry(pool, raw(), cache(), null, 1_000);
        assertEquals(4_000, e.ageNanos(5_000));
    }

    @Test
    void theTimeHeldIsReportedToMetricsAsItIsRecorded() throws Exception {
        AtomicLong reported = new AtomicLong();
        pool.setMetrics(new PoolMetrics() {
            @Override
            public void connectionReturned(long nanos) {
                reported.addAndGet(nanos);
            }
        });
        PoolEntry e = entry();
        e.borrowedNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(3);
        e.giveBack(false);
        assertTrue(reported.get() >= TimeUnit.SECONDS.toNanos(3) && reported.get() < TimeUnit.SECONDS.toNanos(60),
                "" + reported.get());
    }

    @Test
    void aReturnedEntryIsStampedWithThePoolClocksTimeOfReturn() throws Exception {
        PoolEntry e = entry();
        clock.advance(Duration.ofMinutes(30));
        long before = clock.at(System.nanoTime());
        giveBack(e, false);
        long after = clock.at(System.nanoTime());
        assertTrue(e.lastAccessNanos >= before && e.lastAccessNanos <= after);
    }

    // ---------------------------------------------------------------- the return path through the pool

    @Test
    void aConnectionReturnedHealthyIsLentAgainAndItsTimesAreCounted() throws Exception {
        SQLiteConnection first;
        try (Connection c = pool.getConnection()) {
            first = Databases.physicalOf(c);
            assertEquals(1, queryLong(c, "select 1"));
        }
        assertEquals(1, pool.getReturns());
        long usage = pool.getUsageNanosTotal();
        long acquire = pool.getAcquireNanosTotal();
        assertTrue(usage > 0 && acquire > 0, usage + " " + acquire);
        try (Connection c = pool.getConnection()) {
            assertSame(first, Databases.physicalOf(c));
        }
        assertFalse(first.isClosed());
        assertEquals(0, pool.getConnectionsClosed());
        assertEquals(2, pool.getReturns());
        assertTrue(pool.getUsageNanosTotal() > usage);
        assertTrue(pool.getAcquireNanosTotal() > acquire);
    }

    @Test
    void anAbortedConnectionIsClosedAndTheNextBorrowerGetsAnother() throws Exception {
        SQLiteConnection first;
        Connection c = pool.getConnection();
        first = Databases.physicalOf(c);
        c.abort(Runnable::run);
        assertTrue(first.isClosed());
        assertEquals(1, pool.getConnectionsClosed());
        try (Connection next = pool.getConnection()) {
            assertNotSame(first, Databases.physicalOf(next));
        }
    }

    @Test
    void aConnectionEvictedWhileBorrowedIsClosedOnReturn() throws Exception {
        Connection c = pool.getConnection();
        SQLiteConnection first = Databases.physicalOf(c);
        pool.softEvictConnections();
        assertFalse(first.isClosed(), "not while it is borrowed");
        c.close();
        assertTrue(first.isClosed());
        try (Connection next = pool.getConnection()) {
            assertNotSame(first, Databases.physicalOf(next));
        }
    }

    @Test
    void aConnectionThatReachedMaxLifetimeWhileBorrowedIsClosedOnReturn() throws Exception {
        Connection c = pool.getConnection();
        SQLiteConnection first = Databases.physicalOf(c);
        clock.advance(HOUR.plusMinutes(1));
        c.close();
        assertTrue(first.isClosed());
        assertEquals(1, pool.getConnectionsClosed());
    }

    @Test
    void aConnectionReturnedAfterThePoolClosedIsClosed() throws Exception {
        Connection c = pool.getConnection();
        SQLiteConnection first = Databases.physicalOf(c);
        pool.close();
        assertFalse(first.isClosed());
        c.close();
        assertTrue(first.isClosed());
    }

    @Test
    void aConnectionWhosePhysicalConnectionWasUnwrappedIsNeverLentAgain() throws Exception {
        SQLiteConnection first;
        try (Connection c = pool.getConnection()) {
            first = c.unwrap(SQLiteConnection.class);
        }
        assertTrue(first.isClosed());
        assertEquals(1, pool.getConnectionsClosed());
        try (Connection next = pool.getConnection()) {
            assertNotSame(first, Databases.physicalOf(next));
        }
    }

    @Test
    void aConnectionWhosePragmaWasRestoredIsLentAgainAsFresh() throws Exception {
        SQLiteConnection first;
        try (Connection c = pool.getConnection()) {
            first = Databases.physicalOf(c);
            String fresh = queryString(c, "PRAGMA foreign_keys");
            exec(c, "PRAGMA foreign_keys = " + ("1".equals(fresh) ? "OFF" : "ON"));
        }
        try (Connection c = pool.getConnection()) {
            assertSame(first, Databases.physicalOf(c));
        }
        assertEquals(0, pool.getConnectionsClosed());
    }

    @Test
    void aConnectionLeftWithATempTableIsReplaced() throws Exception {
        SQLiteConnection first;
        try (Connection c = pool.getConnection()) {
            first = Databases.physicalOf(c);
            exec(c, "CREATE TEMP TABLE scratch(x)");
        }
        assertTrue(first.isClosed());
        try (Connection c = pool.getConnection()) {
            assertEquals(0, queryLong(c, "SELECT count(*) FROM temp.sqlite_master"));
        }
    }

    @Test
    void theLogSaysWhyAReturnedConnectionWasClosed() throws Exception {
        List<String> reasons = java.util.Collections.synchronizedList(new ArrayList<>());
        String name = pool.getPoolName();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                Object[] p = r.getParameters();
                if ("Pool {0} closed a connection: {1}".equals(r.getMessage()) && p != null && name.equals(p[0])) {
                    reasons.add(String.valueOf(p[1]));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ConnectionPool.class.getName());
        Level level = logger.getLevel();
        logger.setLevel(Level.FINE);
        logger.addHandler(handler);
        try {
            pool.getConnection().abort(Runnable::run);
            assertEquals("broken", reasons.get(reasons.size() - 1));
            Connection escaped = pool.getConnection();
            escaped.unwrap(SQLiteConnection.class);
            escaped.close();
            assertEquals("the borrower changed state a fresh connection does not have",
                    reasons.get(reasons.size() - 1));
            Connection evicted = pool.getConnection();
            pool.softEvictConnections();
            evicted.close();
            assertEquals("evicted or expired", reasons.get(reasons.size() - 1));
            Connection late = pool.getConnection();
            pool.close();
            late.close();
            assertEquals("pool closed", reasons.get(reasons.size() - 1), reasons.toString());
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(level);
        }
    }

    // ---------------------------------------------------------------- what the borrower changed

    @Test
    void aSettingChangedByAPragmaIsPutBackAsItWasWhenTheConnectionOpened() throws Exception {
        PoolEntry e = entry();
        exec(e.physical(), "PRAGMA foreign_keys = ON");
        e.noteStatement(SqlClassifier.classify("PRAGMA foreign_keys = ON"));
        exec(e.physical(), "PRAGMA recursive_triggers = ON");
        e.noteStatement(SqlClassifier.classify("PRAGMA recursive_triggers = ON"));
        e.noteStatement(SqlClassifier.classify("PRAGMA foreign_keys = ON"));
        assertTrue(e.resetSession());
        assertEquals("0", queryString(e.physical(), "PRAGMA foreign_keys"));
        assertEquals("0", queryString(e.physical(), "PRAGMA recursive_triggers"));
    }

    @Test
    void aResetSessionIsNotCheckedAgainAtTheNextReturn() throws Exception {
        PoolEntry e = entry();
        e.noteStatement(SqlClassifier.classify("PRAGMA foreign_keys = ON"));
        e.noteStatement(StatementKind.CREATE);
        assertTrue(e.resetSession());
        // changed behind the entry's back: nothing the next borrower ran asks for a check
        exec(e.physical(), "PRAGMA foreign_keys = ON");
        exec(e.physical(), "CREATE TEMP TABLE unseen(x)");
        assertTrue(e.resetSession());
        assertEquals("1", queryString(e.physical(), "PRAGMA foreign_keys"));
    }

    @Test
    void aCreateStatementMakesTheReturnLookForTempObjects() throws Exception {
        PoolEntry e = entry();
        e.noteStatement(StatementKind.CREATE);
        assertTrue(e.resetSession(), "no TEMP object: fresh");
        exec(e.physical(), "CREATE TEMP TABLE t(x)");
        assertTrue(e.resetSession(), "nothing noted since the last check");
        e.noteStatement(StatementKind.CREATE);
        assertFalse(e.resetSession());
    }

    @Test
    void anAttachMakesTheReturnLookForAttachedDatabases() throws Exception {
        PoolEntry e = entry();
        exec(e.physical(), "ATTACH '" + dir.resolve("other.db") + "' AS other");
        e.noteStatement(StatementKind.ATTACH);
        assertFalse(e.resetSession());
    }

    @Test
    void aScriptMakesTheReturnRestoreEverySettingAndLookForTempObjects() throws Exception {
        PoolEntry e = entry();
        exec(e.physical(), "PRAGMA foreign_keys = ON");
        e.noteStatement(StatementKind.SCRIPT);
        assertTrue(e.resetSession(), "a script is checked, not replaced");
        assertEquals("0", queryString(e.physical(), "PRAGMA foreign_keys"));
        exec(e.physical(), "CREATE TEMP TABLE t(x)");
        e.noteStatement(StatementKind.SCRIPT);
        assertFalse(e.resetSession());
    }

    @Test
    void aStatementWithEffectsThePoolCannotUndoMakesTheEntryReplacedOnReturn() throws Exception {
        PoolEntry e = entry();
        e.noteStatement(StatementKind.OPAQUE);
        assertFalse(e.resetSession());
        giveBack(e, false);
        assertEquals(PoolEntry.REMOVED, e.state());
    }

    @Test
    void anEntryWhosePhysicalConnectionEscapedIsReplacedOnReturn() throws Exception {
        PoolEntry e = entry();
        e.replaceOnReturn();
        assertFalse(e.resetSession());
        giveBack(e, false);
        assertEquals(PoolEntry.REMOVED, e.state());
    }

    @Test
    void statementsThatChangeNoSessionStateAreNotChecked() throws Exception {
        PoolEntry e = entryWithoutSession();
        e.noteStatement(StatementKind.READ);
        e.noteStatement(StatementKind.INSERT);
        e.noteStatement(StatementKind.TRANSACTION_CONTROL);
        assertTrue(e.resetSession(), "without a session to restore from, any check would fail");
    }

    @Test
    void anEntryWithoutACapturedSessionCannotBeMadeFreshAgain() throws Exception {
        PoolEntry e = entryWithoutSession();
        e.noteStatement(SqlClassifier.classify("PRAGMA foreign_keys = ON"));
        assertFalse(e.resetSession());
    }

    // ---------------------------------------------------------------- SQLite's answers

    @ParameterizedTest
    @ValueSource(strings = {"SELECT * FROM t", "SELECT 1", "SELECT count(*) FROM t WHERE a > 1",
        "PRAGMA foreign_keys"})
    void sqlThatOnlyReadsDoesNotWrite(String sql) throws Exception {
        PoolEntry e = entry();
        exec(e.physical(), "CREATE TABLE t(a)");
        assertFalse(e.writes(sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO t VALUES (1)", "UPDATE t SET a = 2", "DELETE FROM t",
        "CREATE TABLE u(b)", "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", "VACUUM",
        "PRAGMA wal_checkpoint", "PRAGMA journal_mode = WAL", "BEGIN", "COMMIT", "SAVEPOINT s", "RELEASE s",
        "BEGIN IMMEDIATE", "this is not sql", "SELECT * FROM no_such_table"})
    void sqlThatWritesOrCannotBeCompiledWrites(String sql) throws Exception {
        PoolEntry e = entry();
        exec(e.physical(), "CREATE TABLE t(a)");
        assertTrue(e.writes(sql), sql);
    }

    @Test
    void queryOnlyRefusesWritesUntilItIsTurnedOff() throws Exception {
        PoolEntry e = entry();
        exec(e.physical(), "CREATE TABLE t(a)");
        e.setQueryOnly(true);
        assertEquals("1", queryString(e.physical(), "PRAGMA query_only"));
        SQLException refused = assertThrows(SQLException.class, () -> exec(e.physical(), "INSERT INTO t VALUES (1)"));
        assertTrue(refused.getMessage().contains("readonly"), refused.getMessage());
        e.setQueryOnly(false);
        assertEquals("0", queryString(e.physical(), "PRAGMA query_only"));
        exec(e.physical(), "INSERT INTO t VALUES (1)");
        assertEquals(1, queryLong(e.physical(), "SELECT count(*) FROM t"));
    }

    @Test
    void changesAreTheRowsTheLastStatementChanged() throws Exception {
        PoolEntry e = entry();
        exec(e.physical(), "CREATE TABLE t(a)");
        exec(e.physical(), "INSERT INTO t VALUES (1), (2), (3)");
        assertEquals(3, e.changes());
        exec(e.physical(), "UPDATE t SET a = 0 WHERE a > 1");
        assertEquals(2, e.changes());
    }

    @Test
    void resettingTheChangeCountersLeavesThemAsOnAFreshConnectionWithNoTempTable() throws Exception {
        PoolEntry e = entry();
        exec(e.physical(), "CREATE TABLE t(a)");
        exec(e.physical(), "INSERT INTO t VALUES (1), (2), (3)");
        assertEquals(3, queryLong(e.physical(), "SELECT last_insert_rowid()"));
        e.resetChangeCounters();
        assertEquals(0, queryLong(e.physical(), "SELECT last_insert_rowid()"));
        assertEquals(0, queryLong(e.physical(), "SELECT changes()"));
        assertEquals(0, queryLong(e.physical(), "SELECT count(*) FROM temp.sqlite_master"));
        e.resetChangeCounters();
        assertEquals(0, queryLong(e.physical(), "SELECT last_insert_rowid()"));
    }

    @Test
    void anEntryRemembersThatABorrowerRanDml() throws Exception {
        PoolEntry e = entry();
        assertFalse(e.ranDml());
        e.dmlRan();
        assertTrue(e.ranDml());
    }

    @Test
    void finalizingIdleStatementsLetsVacuumRun() throws Exception {
        PoolEntry e = entry();
        exec(e.physical(), "CREATE TABLE t(a)");
        exec(e.physical(), "INSERT INTO t VALUES (1), (2)");
        PreparedStatement select = e.physical().prepareStatement("SELECT * FROM t");
        select.executeQuery().next();
        e.statements().give(new CachedStatement("k", select, StatementKind.READ));
        e.finalizeIdleStatements();
        assertNull(e.statements().take("k"));
        assertTrue(select.isClosed());
        exec(e.physical(), "VACUUM");
    }

    @Test
    void anEntryTellsAConnectionOpenedReadOnly() throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("open_mode", "1");
        raw().close();
        Connection ro = new org.sqlite.JDBC().connect("jdbc:sqlite:" + dir.resolve("entry.db"), readOnly);
        physicals.add(ro);
        assertTrue(new PoolEntry(pool, ro, cache(), null, 0).opensReadOnly());
        assertFalse(entry().opensReadOnly());
    }

    @Test
    void closingThePhysicalConnectionClosesItsCachedStatementsAndTheConnection() throws Exception {
        PoolEntry e = entry();
        PreparedStatement select = e.physical().prepareStatement("SELECT 1");
        e.statements().give(new CachedStatement("k", select, StatementKind.READ));
        e.closePhysical();
        assertNull(e.statements().take("k"));
        assertTrue(select.isClosed());
        assertTrue(e.physical().isClosed());
        e.closePhysical();
    }

    private static StatementCache cache() {
        return new StatementCache(4, new LongAdder(), PreparedStatement::clearParameters);
    }
}
