package io.pooledsqlite.pool;

import static io.pooledsqlite.Databases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.config.ConfigParser;
import io.pooledsqlite.config.PoolConfig;
import io.pooledsqlite.engine.Engine;
import io.pooledsqlite.engine.TransactionControl;
import io.pooledsqlite.engine.resolve.EngineResolver;
import io.pooledsqlite.metrics.PoolMetrics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The transaction statements and write gate of one entry, over real sqlite-jdbc connections to a file in
 * rollback-journal mode: what SQLite's locks show of each statement (a second, plain connection with no
 * busy timeout is refused at once where a lock is held), and who waits at the gate. Waits are bounded.
 */
class EntryTransactionsTest {
    private static final Duration BOUND = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final List<ConnectionPool> pools = new ArrayList<>();
    private final List<Connection> physicals = new ArrayList<>();
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() throws SQLException {
        other.shutdownNow();
        pools.forEach(ConnectionPool::close);
        for (Connection c : physicals) {
            c.close();
        }
    }

    private ConnectionPool pool(String keys) throws SQLException {
        PoolConfig config = ConfigParser.parse(Databases.url(dir, keys), new Properties());
        return start(config, EngineResolver.resolve(config));
    }

    private ConnectionPool start(PoolConfig config, Engine engine) throws SQLException {
        ConnectionPool pool = new ConnectionPool(config, engine);
        pools.add(pool);
        return pool;
    }

    /** A plain connection to the test's file; {@code busy_timeout} 0, so a held lock refuses it at once. */
    private Connection raw() throws SQLException {
        Connection c = Databases.raw(dir.resolve("tx.db"));
        physicals.add(c);
        exec(c, "PRAGMA busy_timeout = 0");
        return c;
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(Connection c) throws SQLException {
        return queryLong(c, "SELECT count(*) FROM t");
    }

    private static void assertBusy(SQLException e) {
        assertTrue(e.getMessage().contains("locked") || e.getMessage().contains("BUSY"), e.getMessage());
    }

    // ---------------------------------------------------------------- transaction statements

    @Test
    void aWriteTransactionTakesSqlitesWriteLockWhenItBegins() throws Exception {
        Connection mine = raw();
        Connection theirs = raw();
        exec(mine, "CREATE TABLE t(a)");
        EntryTransactions tx = new EntryTransactions(pool(""), mine);
        tx.begin(true);
        assertBusy(assertThrows(SQLException.class, () -> exec(theirs, "INSERT INTO t VALUES (1)")));
        assertEquals(0, count(theirs), "readers are not refused by BEGIN IMMEDIATE");
        tx.commit();
        exec(theirs, "INSERT INTO t VALUES (1)");
    }

    @Test
    void aReadTransactionTakesNoLockUntilItIsUsed() throws Exception {
        Connection mine = raw();
        Connection theirs = raw();
        exec(mine, "CREATE TABLE t(a)");
        EntryTransactions tx = new EntryTransactions(pool(""), mine);
        tx.begin(false);
        assertTrue(tx.inTransaction());
        exec(theirs, "INSERT INTO t VALUES (1)");
        assertEquals(1, count(mine));
        tx.commit();
        assertFalse(tx.inTransaction());
    }

    @Test
    void aWriteTransactionBeginsWithTheEnginesOwnStatement() throws Exception {
        Connection mine = raw();
        Connection theirs = raw();
        exec(mine, "CREATE TABLE t(a)");
        PoolConfig config = ConfigParser.parse(Databases.url(dir, ""), new Properties());
        Engine exclusive = new Delegating(EngineResolver.resolve(config),
                TransactionControl.of(true, "BEGIN EXCLUSIVE"));
        EntryTransactions tx = new EntryTransactions(start(config, exclusive), mine);
        tx.begin(true);
        assertBusy(assertThrows(SQLException.class, () -> count(theirs)));
        tx.rollback();
        assertEquals(0, count(theirs));
    }

    @Test
    void commitEndsTheTransactionAndOthersSeeItsWrites() throws Exception {
        Connection mine = raw();
        Connection theirs = raw();
        exec(mine, "CREATE TABLE t(a)");
        EntryTransactions tx = new EntryTransactions(pool(""), mine);
        tx.begin(true);
        exec(mine, "INSERT INTO t VALUES (1)");
        assertEquals(0, count(theirs));
        tx.commit();
        assertFalse(tx.inTransaction());
        assertEquals(1, count(theirs));
    }

    @Test
    void rollbackUndoesTheTransaction() throws Exception {
        Connection mine = raw();
        exec(mine, "CREATE TABLE t(a)");
        EntryTransactions tx = new EntryTransactions(pool(""), mine);
        tx.begin(true);
        exec(mine, "INSERT INTO t VALUES (1)");
        tx.rollback();
        assertFalse(tx.inTransaction());
        assertEquals(0, count(mine));
        exec(raw(), "INSERT INTO t VALUES (1)");
    }

    @Test
    void rollbackWithNoTransactionOpenIsNoError() throws Exception {
        EntryTransactions tx = new EntryTransactions(pool(""), raw());
        tx.rollback();
        tx.rollback();
        assertFalse(tx.inTransaction());
    }

    @Test
    void rollbackReportsEveryOtherError() throws Exception {
        Connection mine = raw();
        EntryTransactions tx = new EntryTransactions(pool(""), mine);
        mine.close();
        SQLException e = assertThrows(SQLException.class, tx::rollback);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void outsideATransactionTheAnswerIsNoAndAskingOpensNone() throws Exception {
        Connection mine = raw();
        exec(mine, "CREATE TABLE t(a)");
        EntryTransactions tx = new EntryTransactions(pool(""), mine);
        assertFalse(tx.inTransaction());
        assertFalse(tx.inTransaction());
        exec(mine, "BEGIN");
        exec(mine, "COMMIT");
        exec(raw(), "INSERT INTO t VALUES (1)");
    }

    @Test
    void insideATransactionTheAnswerIsYesAndTheTransactionGoesOn() throws Exception {
        Connection mine = raw();
        exec(mine, "CREATE TABLE t(a)");
        EntryTransactions tx = new EntryTransactions(pool(""), mine);
        tx.begin(true);
        exec(mine, "INSERT INTO t VALUES (1)");
        assertTrue(tx.inTransaction());
        assertTrue(tx.inTransaction());
        tx.rollback();
        assertEquals(0, count(mine));
    }

    @Test
    void askingAClosedConnectionIsAnError() throws Exception {
        Connection mine = raw();
        EntryTransactions tx = new EntryTransactions(pool(""), mine);
        assertFalse(tx.inTransaction());
        mine.close();
        assertThrows(SQLException.class, tx::inTransaction);
    }

    @Test
    void aStatementThatFailedIsPreparedAnewAndWorksNextTime() throws Exception {
        Connection mine = raw();
        Connection theirs = raw();
        exec(mine, "CREATE TABLE t(a)");
        EntryTransactions tx = new EntryTransactions(pool(""), mine);
        SQLException noTransaction = assertThrows(SQLException.class, tx::commit);
        assertTrue(noTransaction.getMessage().contains("no transaction is active"), noTransaction.getMessage());
        tx.begin(true);
        exec(mine, "INSERT INTO t VALUES (1)");
        tx.commit();
        assertEquals(1, count(theirs));
        // a BEGIN refused as busy is prepared anew too
        exec(theirs, "BEGIN IMMEDIATE");
        assertBusy(assertThrows(SQLException.class, () -> tx.begin(true)));
        exec(theirs, "COMMIT");
        tx.begin(true);
        tx.commit();
    }

    @Test
    void finalizedStatementsLetVacuumRunAndArePreparedAgainWhenNeeded() throws Exception {
        Connection mine = raw();
        exec(mine, "CREATE TABLE t(a)");
        EntryTransactions tx = new EntryTransactions(pool(""), mine);
        tx.begin(false);
        tx.commit();
        assertFalse(tx.inTransaction());
        tx.finalizeStatements();
        exec(mine, "VACUUM");
        tx.finalizeStatements();
        tx.begin(true);
        exec(mine, "INSERT INTO t VALUES (1)");
        tx.commit();
        assertEquals(1, count(raw()));
    }

    @Test
    void afterCommitIsTheEnginesDurabilityStep() throws Exception {
        PoolConfig config = ConfigParser.parse(Databases.url(dir, ""), new Properties());
        Delegating engine = new Delegating(EngineResolver.resolve(config), TransactionControl.SQLITE);
        Connection mine = raw();
        EntryTransactions tx = new EntryTransactions(start(config, engine), mine);
        tx.afterCommit();
        tx.afterCommit();
        assertEquals(2, engine.afterCommits.get());
        assertSame(mine, engine.lastCommitted);
    }

    @Test
    void anErrorWithoutAMessageIsReportedAsItIs() throws Exception {
        PoolConfig config = ConfigParser.parse(Databases.url(dir, ""), new Properties());
        Delegating engine = new Delegating(EngineResolver.resolve(config), TransactionControl.SQLITE);
        EntryTransactions tx = new EntryTransactions(start(config, engine), raw());
        SQLException silent = new SQLException((String) null);
        engine.failure = silent;
        assertSame(silent, assertThrows(SQLException.class, tx::rollback));
        assertSame(silent, assertThrows(SQLException.class, tx::inTransaction));
        assertSame(silent, assertThrows(SQLException.class, tx::commit));
        engine.failure = null;
        assertFalse(tx.inTransaction(), "failed statements are prepared anew");
        tx.rollback();
    }

    // ---------------------------------------------------------------- the write gate

    @Test
    void aSecondWriterWaitsAtTheGateUntilTheFirstLeavesAndTheWaitIsReported() throws Exception {
        ConnectionPool pool = pool("busy_timeout=10000");
        AtomicLong waited = new AtomicLong();
        AtomicInteger reports = new AtomicInteger();
        pool.setMetrics(new PoolMetrics() {
            @Override
            public void writeGateWaited(long nanos) {
                waited.addAndGet(nanos);
                reports.incrementAndGet();
            }
        });
        EntryTransactions first = new EntryTransactions(pool, raw());
        EntryTransactions second = new EntryTransactions(pool, raw());
        first.enterGate();
        assertEquals(0, reports.get(), "a free gate is no wait");
        CompletableFuture<Void> entered = CompletableFuture.runAsync(() -> {
            try {
                second.enterGate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, other);
        assertTimeoutPreemptively(BOUND, () -> {
            while (pool.getWriteGateWaits() != 1) {
                Thread.onSpinWait();
            }
        });
        assertFalse(entered.isDone());
        first.exitGate();
        assertTimeoutPreemptively(BOUND, () -> entered.get());
        assertEquals(1, reports.get());
        assertTrue(waited.get() > 0);
        other.submit(second::exitGate).get();
        first.enterGate();
        first.exitGate();
        assertEquals(1, reports.get());
    }

    @Test
    void aThreadHoldingTheGateThroughOneConnectionIsRefusedThroughAnotherAsBusy() throws Exception {
        // waiting would hang the thread on itself; the short busy_timeout only bounds a wrong wait
        ConnectionPool pool = pool("busy_timeout=1");
        EntryTransactions first = new EntryTransactions(pool, raw());
        EntryTransactions second = new EntryTransactions(pool, raw());
        first.enterGate();
        SQLException busy = assertThrows(SQLException.class, second::enterGate);
        assertInstanceOf(SQLTransientException.class, busy);
        assertTrue(busy.getMessage().contains("already holds the write lock"), busy.getMessage());
        first.exitGate();
        second.enterGate();
        second.exitGate();
    }

    @Test
    void withoutTranslationTheRefusalIsSqliteJdbcsOwnBusyError() throws Exception {
        ConnectionPool pool = pool("translateErrors=false&busy_timeout=1");
        EntryTransactions first = new EntryTransactions(pool, raw());
        EntryTransactions second = new EntryTransactions(pool, raw());
        first.enterGate();
        SQLException busy = assertThrows(SQLException.class, second::enterGate);
        SQLiteException sqlite = assertInstanceOf(SQLiteException.class, busy);
        assertEquals(SQLiteErrorCode.SQLITE_BUSY, sqlite.getResultCode());
        assertTrue(busy.getCause().getMessage().contains("already holds the write lock"));
        first.exitGate();
    }

    @Test
    void aGateHolderMovedToAnotherThreadIsThatThreadsAfterATouch() throws Exception {
        ConnectionPool pool = pool("busy_timeout=1");
        EntryTransactions first = new EntryTransactions(pool, raw());
        EntryTransactions second = new EntryTransactions(pool, raw());
        other.submit(() -> {
            first.enterGate();
            return null;
        }).get();
        // the transaction moved to this thread: a second connection of this thread is refused at once
        first.touchGate();
        SQLException busy = assertThrows(SQLException.class, second::enterGate);
        assertTrue(busy.getMessage().contains("already holds the write lock"), busy.getMessage());
        first.exitGate();
        second.enterGate();
        second.exitGate();
    }

    @Test
    void anEngineThatOrdersWritersItselfHasNoGate() throws Exception {
        PoolConfig config = ConfigParser.parse(Databases.url(dir, "busy_timeout=1"), new Properties());
        Engine ungated = new Delegating(EngineResolver.resolve(config),
                TransactionControl.of(false, "BEGIN IMMEDIATE"));
        ConnectionPool pool = start(config, ungated);
        assertNull(pool.gate());
        EntryTransactions first = new EntryTransactions(pool, raw());
        EntryTransactions second = new EntryTransactions(pool, raw());
        first.enterGate();
        second.enterGate();
        first.touchGate();
        second.exitGate();
        first.exitGate();
    }

    /** A real engine with its own transaction control, counting its durability steps. */
    private static final class Delegating implements Engine {
        private final Engine real;
        private final TransactionControl control;
        final AtomicInteger afterCommits = new AtomicInteger();
        volatile Connection lastCommitted;
        /** If set, every transaction statement fails with it. */
        volatile SQLException failure;

        Delegating(Engine real, TransactionControl control) {
            this.real = real;
            this.control = control;
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public Connection open(String target, Properties sqliteSettings) throws SQLException {
            return real.open(target, sqliteSettings);
        }

        @Override
        public TransactionControl transactions() {
            return control;
        }

        @Override
        public void runControl(Connection physical, PreparedStatement statement) throws SQLException {
            if (failure != null) {
                throw failure;
            }
            real.runControl(physical, statement);
        }

        @Override
        public long changes(Connection physical) {
            return real.changes(physical);
        }

        @Override
        public void afterCommit(Connection physical) {
            afterCommits.incrementAndGet();
            lastCommitted = physical;
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
