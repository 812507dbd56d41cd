package io.pooledsqlite.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transaction state machine on a real sqlite-jdbc connection and a real write gate, without a pool:
 * the gate is held exactly as long as SQLite holds (or may take) its write lock, whatever opened it.
 */
class TransactionStateTest {
    @TempDir
    Path dir;

    private Connection sqlite;
    private WriteGate gate;
    private final Object holder = new Object();
    private TransactionState tx;
    private int afterCommits;
    /** When set, the engine's durability step after a commit fails with it. */
    private SQLException durabilityFailure;
    /** When set, {@code COMMIT} fails with it before reaching SQLite (a remote engine that lost its leader). */
    private SQLException commitFailure;
    /** When set, asking SQLite whether a transaction is open fails with it (the connection is lost). */
    private SQLException probeFailure;
    /** How often SQLite was asked whether a transaction is open. */
    private int questions;
    /** How often a {@code ROLLBACK} was sent. */
    private int rollbacks;

    @BeforeEach
    void open() throws SQLException {
        sqlite = new org.sqlite.JDBC().connect("jdbc:sqlite:" + dir.resolve("t.db"), new Properties());
        sql("PRAGMA journal_mode=WAL");
        sql("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
        gate = WriteGate.acquireFor(dir.resolve("t.db").toString());
        tx = new TransactionState(new PlainPort());
    }

    @AfterEach
    void close() throws SQLException {
        sqlite.close();
        gate.releaseUse();
    }

    @Test
    void withAutoCommitOffNothingIsLockedUntilTheFirstStatement() throws SQLException {
        tx.setAutoCommit(false);
        assertFalse(tx.holdsGate());
        assertFalse(tx.isOpen());
        tx.beforeStatement(StatementKind.READ);
        assertTrue(tx.isOpen() && tx.holdsGate(), "BEGIN IMMEDIATE after taking the gate");
        assertTrue(otherWriterIsRefused());
        tx.commit();
        assertFalse(tx.isOpen() || tx.holdsGate());
        assertEquals(1, afterCommits);
        assertFalse(otherWriterIsRefused());
    }

    @Test
    void aSavepointOpenedBySqlHoldsTheGateUntilItsRelease() throws SQLException {
        statement(StatementKind.TRANSACTION_CONTROL, "SAVEPOINT a");
        assertTrue(tx.isOpen(), "SQLite says a transaction is open");
        assertTrue(otherWriterIsRefused(), "held beyond the SAVEPOINT statement itself");
        statement(StatementKind.INSERT, "INSERT INTO t(v) VALUES ('x')");
        assertTrue(tx.holdsGate());
        statement(StatementKind.TRANSACTION_CONTROL, "RELEASE a");
        assertFalse(tx.isOpen() || tx.holdsGate());
        assertFalse(otherWriterIsRefused());
        assertEquals(1, count());
    }

    @Test
    void aScriptThatLeavesATransactionOpenIsRolledBackOnReset() throws SQLException {
        StatementKind script = SqlClassifier.classify("BEGIN; INSERT INTO t(v) VALUES ('x')");
        tx.beforeStatement(script);
        sqlite.createStatement().executeUpdate("BEGIN; INSERT INTO t(v) VALUES ('x')");
        tx.afterStatement(script, true, false);
        assertTrue(tx.isOpen() && tx.holdsGate());
        assertFalse(tx.mayRetry(StatementKind.INSERT), "nothing inside a transaction is retried");
        assertTrue(tx.reset(), "SQLite is verifiably outside a transaction afterwards");
        assertFalse(tx.holdsGate());
        assertEquals(0, count(), "the borrower's uncommitted insert is gone, not left for the next one");
    }

    @Test
    void aWriteWhoseResultSetIsOpenHoldsTheGateUntilItIsDone() throws SQLException {
        tx.beforeStatement(StatementKind.INSERT);
        PreparedStatement ps = sqlite.prepareStatement("INSERT INTO t(v) VALUES ('x') RETURNING id");
        ResultSet rs = ps.executeQuery();
        assertTrue(tx.afterStatement(StatementKind.INSERT, true, true), "the result set holds the gate");
        assertTrue(otherWriterIsRefused());
        rs.close();
        ps.close();
        tx.resultSetDone();
        assertFalse(tx.holdsGate());
        assertEquals(1, afterCommits, "the write committed when its result set was done");
    }

    @Test
    void aCommitRefusedBySqliteLeavesTheTransactionIntact() throws SQLException {
        tx.setAutoCommit(false);
        tx.beforeStatement(StatementKind.INSERT);
        PreparedStatement ps = sqlite.prepareStatement("INSERT INTO t(v) VALUES ('x') RETURNING id");
        ResultSet rs = ps.executeQuery();
        tx.afterStatement(StatementKind.INSERT, true, true);
        assertThrows(SQLException.class, tx::commit, "SQL statements in progress");
        assertTrue(tx.isOpen() && tx.holdsGate(), "not silently rolled back");
        rs.close();
        ps.close();
        tx.commit();
        assertEquals(1, count());
    }

    @Test
    void scriptsAreNeverRetried() {
        assertFalse(tx.mayRetry(StatementKind.SCRIPT));
        assertTrue(tx.mayRetry(StatementKind.INSERT));
    }

    @Test
    void readOnlyTransactionsNeverTakeTheGate() throws SQLException {
        tx.setReadOnly(true);
        tx.setAutoCommit(false);
        tx.beforeStatement(StatementKind.READ);
        assertTrue(tx.isOpen());
        assertFalse(tx.holdsGate());
        assertFalse(otherWriterIsRefused());
        assertThrows(SQLException.class, () -> tx.setReadOnly(false), "not inside a transaction");
        tx.rollback();
    }

    @Test
    void switchingAutoCommitBackOnCommitsTheOpenTransaction() throws SQLException {
        tx.setAutoCommit(false);
        statement(StatementKind.INSERT, "INSERT INTO t(v) VALUES ('x')");
        assertTrue(tx.isOpen());
        tx.setAutoCommit(true);
        assertTrue(tx.autoCommit());
        assertFalse(tx.isOpen() || tx.holdsGate());
        assertEquals(1, count());
        assertEquals(1, afterCommits);
        assertFalse(otherWriterIsRefused());
    }

    @Test
    void switchingAutoCommitOnWhileItIsOnLeavesATransactionOpenedBySqlOpen() throws SQLException {
        statement(StatementKind.TRANSACTION_CONTROL, "BEGIN");
        statement(StatementKind.INSERT, "INSERT INTO t(v) VALUES ('x')");
        tx.setAutoCommit(true);
        assertTrue(tx.isOpen() && tx.holdsGate());
        assertEquals(0, count(), "not committed behind the caller's back");
        statement(StatementKind.TRANSACTION_CONTROL, "COMMIT");
        assertFalse(tx.isOpen() || tx.holdsGate());
        assertEquals(1, count());
        assertEquals(1, afterCommits, "the SQL COMMIT of a write is made durable");
    }

    @Test
    void afterTheCallersOwnCommitJdbcCommitAndRollbackFailAsOnSqliteJdbc() throws SQLException {
        tx.setAutoCommit(false);
        statement(StatementKind.INSERT, "INSERT INTO t(v) VALUES ('x')");
        statement(StatementKind.TRANSACTION_CONTROL, "COMMIT");
        assertFalse(tx.isOpen() || tx.holdsGate());
        assertEquals("25000", assertThrows(SQLException.class, tx::commit).getSQLState());
        assertEquals("25000", assertThrows(SQLException.class, tx::rollback).getSQLState());
        statement(StatementKind.INSERT, "INSERT INTO t(v) VALUES ('y')");
        assertFalse(tx.isOpen(), "until commit() or rollback(), statements run in SQLite's auto-commit mode");
        assertEquals(2, count());
        tx.setAutoCommit(true);
        tx.setAutoCommit(false);
        tx.commit();
        tx.rollback();
    }

    @Test
    void aStatementOnAnotherThreadMakesThatThreadTheGatesOwner() throws Exception {
        tx.setAutoCommit(false);
        tx.beforeStatement(StatementKind.READ);
        assertTrue(tx.holdsGate());
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> other.submit(() -> {
                tx.beforeStatement(StatementKind.READ);
                return assertThrows(SQLException.class, () -> gate.enter(new Object(), 10_000));
            }).get());
            assertTrue(e.getMessage().contains("already holds the write lock"), e.getMessage());
        } finally {
            other.shutdownNow();
        }
        tx.rollback();
    }

    @Test
    void aFailedStatementThatMadeSqliteRollBackEndsTheTransaction() throws SQLException {
        sql("CREATE TABLE u(x UNIQUE)");
        tx.setAutoCommit(false);
        statement(StatementKind.INSERT, "INSERT INTO u VALUES (1)");
        assertThrows(SQLException.class, () -> statement(StatementKind.INSERT, "INSERT INTO u VALUES (1)"));
        assertTrue(tx.isOpen() && tx.holdsGate(), "a plain constraint failure leaves the transaction open");
        assertThrows(SQLException.class,
                () -> statement(StatementKind.INSERT, "INSERT OR ROLLBACK INTO u VALUES (1)"));
        assertFalse(tx.isOpen() || tx.holdsGate(), "SQLite rolled the transaction back");
        assertFalse(otherWriterIsRefused());
        tx.beforeStatement(StatementKind.READ);
        assertTrue(tx.isOpen(), "the next statement begins a new transaction");
        tx.commit();
    }

    @Test
    void aResultSetDoneWithoutAWriteHoldingTheGateChangesNothing() throws SQLException {
        tx.resultSetDone();
        assertFalse(tx.holdsGate());
        assertEquals(0, afterCommits);
    }

    @Test
    void afterBypassingTheGateSqliteLocksAloneUntilReset() throws SQLException {
        tx.bypassGate();
        assertTrue(tx.gateBypassed());
        tx.beforeStatement(StatementKind.INSERT);
        assertFalse(tx.holdsGate());
        assertFalse(otherWriterIsRefused());
        tx.afterStatement(StatementKind.INSERT, true, false);
        tx.setAutoCommit(false);
        tx.beforeStatement(StatementKind.INSERT);
        assertTrue(tx.isOpen());
        assertFalse(tx.holdsGate());
        assertTrue(tx.reset());
        assertFalse(tx.gateBypassed());
        tx.beforeStatement(StatementKind.INSERT);
        assertTrue(tx.holdsGate(), "the next borrower takes the gate again");
        tx.afterStatement(StatementKind.INSERT, true, false);
    }

    @Test
    void resetRollsBackAndRestoresTheDefaults() throws SQLException {
        tx.setAutoCommit(false);
        statement(StatementKind.INSERT, "INSERT INTO t(v) VALUES ('x')");
        assertTrue(tx.reset());
        assertTrue(tx.autoCommit());
        assertFalse(tx.isOpen() || tx.holdsGate());
        assertEquals(0, count());
        tx.setReadOnly(true);
        assertTrue(tx.reset());
        assertFalse(tx.readOnly());
    }

    @Test
    void afterSqlThatControlsTransactionsResetLendsTheConnectionOnlyIfSqliteConfirmsNoneIsOpen()
            throws SQLException {
        statement(StatementKind.TRANSACTION_CONTROL, "SAVEPOINT a");
        statement(StatementKind.TRANSACTION_CONTROL, "RELEASE a");
        assertFalse(tx.isOpen());
        sql("BEGIN");
        assertFalse(tx.reset(), "SQLite is inside a transaction the state did not see");
    }

    @Test
    void aConnectionThatCannotRollBackIsNotLentAgain() throws SQLException {
        tx.setAutoCommit(false);
        statement(StatementKind.INSERT, "INSERT INTO t(v) VALUES ('x')");
        sqlite.close();
        assertFalse(tx.reset());
        assertFalse(tx.holdsGate());
        assertFalse(otherWriterIsRefused(), "the gate is released all the same");
    }

    @Test
    void aJdbcRollbackEndsTheTransactionAndReleasesTheGate() throws SQLException {
        tx.setAutoCommit(false);
        statement(StatementKind.INSERT, "INSERT INTO t(v) VALUES ('x')");
        tx.rollback();
        assertFalse(tx.isOpen() || tx.holdsGate());
        assertFalse(otherWriterIsRefused());
        assertEquals(0, countOnTheConnection(), "rolled back in SQLite, not only in the state");
        assertEquals(0, count());
        assertEquals(0, afterCommits);
        tx.rollback();
    }

    @Test
    void aFailingDurabilityStepIsReportedForAWriteThatSucceededOnly() throws SQLException {
        sql("CREATE TABLE u(x UNIQUE)");
        durabilityFailure = new SQLException("disk gone", "58030");
        SQLException reported = assertThrows(SQLException.class,
                () -> statement(StatementKind.INSERT, "INSERT INTO u VALUES (1)"));
        assertEquals("58030", reported.getSQLState());
        SQLException failure = assertThrows(SQLException.class,
                () -> statement(StatementKind.INSERT, "INSERT INTO u VALUES (1)"));
        assertTrue(failure.getMessage().contains("UNIQUE"), "the write's own error: " + failure.getMessage());
        assertFalse(tx.holdsGate());
        tx.setAutoCommit(false);
        statement(StatementKind.INSERT, "INSERT INTO u VALUES (2)");
        assertEquals("58030", assertThrows(SQLException.class, tx::commit).getSQLState());
    }

    @Test
    void aCommitWhoseOutcomeIsUnknownLeavesNoTransactionOpen() throws SQLException {
        tx.setAutoCommit(false);
        statement(StatementKind.INSERT, "INSERT INTO t(v) VALUES ('x')");
        commitFailure = new SQLException("leader lost after COMMIT was sent", "40003");
        assertEquals("40003", assertThrows(SQLException.class, tx::commit).getSQLState());
        assertFalse(tx.isOpen() || tx.holdsGate(), "there is nobody left to ask");
        commitFailure = null;
    }

    @Test
    void aCommitThatFailedWithTheTransactionStillOpenKeepsIt() throws SQLException {
        tx.setAutoCommit(false);
        statement(StatementKind.INSERT, "INSERT INTO t(v) VALUES ('x')");
        commitFailure = new SQLException("refused", "HY000");
        assertThrows(SQLException.class, tx::commit);
        assertTrue(tx.isOpen() && tx.holdsGate(), "SQLite still has the transaction: the caller may retry");
        commitFailure = null;
        tx.commit();
        assertEquals(1, count());
    }

    @Test
    void onlyAnOpenResultSetOfAWriteThatRanHoldsTheGate() throws SQLException {
        tx.beforeStatement(StatementKind.INSERT);
        sql("INSERT INTO t(v) VALUES ('x')");
        assertFalse(tx.afterStatement(StatementKind.INSERT, true, false), "no result set left open");
        assertFalse(tx.holdsGate());
        tx.beforeStatement(StatementKind.READ);
        assertFalse(tx.holdsGate(), "a read in auto-commit mode takes no gate");
        assertFalse(otherWriterIsRefused());
        assertFalse(tx.afterStatement(StatementKind.READ, true, true), "a read's open result set holds nothing");
        tx.beforeStatement(StatementKind.INSERT);
        assertFalse(tx.afterStatement(StatementKind.INSERT, false, true), "a write that failed holds nothing");
        assertFalse(tx.holdsGate());
    }

    @Test
    void aBeginSqliteRefusesLeavesNoTransactionAndReleasesTheGate() throws SQLException {
        sql("PRAGMA busy_timeout = 0");
        try (Connection other = connect(); Statement s = other.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            tx.setAutoCommit(false);
            SQLException busy = assertThrows(SQLException.class, () -> tx.beforeStatement(StatementKind.INSERT));
            assertTrue(busy.getMessage().contains("SQLITE_BUSY"), busy.getMessage());
            assertFalse(tx.isOpen() || tx.holdsGate());
            assertFalse(otherWriterIsRefused());
            s.execute("ROLLBACK");
        }
        statement(StatementKind.INSERT, "INSERT INTO t(v) VALUES ('x')");
        assertTrue(tx.isOpen() && tx.holdsGate(), "the next statement begins");
        tx.commit();
        assertEquals(1, count());
    }

    @Test
    void aCommitThatFailedWhenSqliteCannotBeAskedReportsBothAndEndsTheTransaction() throws SQLException {
        tx.setAutoCommit(false);
        statement(StatementKind.INSERT, "INSERT INTO t(v) VALUES ('x')");
        commitFailure = new SQLException("refused", "HY000");
        probeFailure = new SQLException("connection lost", "08006");
        SQLException reported = assertThrows(SQLException.class, tx::commit);
        assertSame(commitFailure, reported);
        assertEquals(List.of(probeFailure), List.of(reported.getSuppressed()), "why SQLite was not asked");
        assertFalse(tx.isOpen() || tx.holdsGate(), "nobody can say: it counts as ended");
        assertFalse(otherWriterIsRefused());
        commitFailure = null;
        probeFailure = null;
        sql("ROLLBACK");
    }

    @Test
    void statementsThatCannotOpenATransactionCostNoQuestionToSqliteNotEvenOnReset() throws SQLException {
        statement(StatementKind.INSERT, "INSERT INTO t(v) VALUES ('x')");
        statement(StatementKind.READ, "SELECT * FROM t");
        assertTrue(tx.reset());
        assertEquals(0, questions);
        tx.setAutoCommit(false);
        statement(StatementKind.UPDATE, "UPDATE t SET v = 'y'");
        tx.commit();
        assertTrue(tx.reset());
        assertEquals(0, questions);
    }

    @Test
    void aRollbackWithNothingOpenSendsNothingToSqlite() throws SQLException {
        tx.rollback();
        tx.setAutoCommit(false);
        tx.rollback();
        assertFalse(tx.isOpen() || tx.holdsGate());
        assertEquals(0, rollbacks);
    }

    private void statement(StatementKind kind, String sql) throws SQLException {
        tx.beforeStatement(kind);
        boolean ok = false;
        try {
            sql(sql);
            ok = true;
        } finally {
            tx.afterStatement(kind, ok, false);
        }
    }

    /** Another connection's writer, on another thread, is refused within 100 ms. */
    private boolean otherWriterIsRefused() {
        Object other = new Object();
        return CompletableFuture.supplyAsync(() -> {
            try {
                gate.enter(other, 100);
                gate.exit(other);
                return false;
            } catch (SQLException e) {
                return true;
            }
        }).orTimeout(5, TimeUnit.SECONDS).join();
    }

    private void sql(String sql) throws SQLException {
        try (Statement s = sqlite.createStatement()) {
            s.execute(sql);
        }
    }

    /** The committed rows, as another connection sees them. */
    private long count() throws SQLException {
        try (Connection fresh = connect();
             ResultSet rs = fresh.createStatement().executeQuery("SELECT count(*) FROM t")) {
            return rs.getLong(1);
        }
    }

    /** The rows the state's own connection sees, its uncommitted ones included. */
    private long countOnTheConnection() throws SQLException {
        try (Statement s = sqlite.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            return rs.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return new org.sqlite.JDBC().connect("jdbc:sqlite:" + dir.resolve("t.db"), new Properties());
    }

    /** The port on a plain connection: what the pool's entry does, without the pool. */
    private final class PlainPort implements TransactionPort {
        @Override
        public void enterGate() throws SQLException {
            gate.enter(holder, 1000);
        }

        @Override
        public void touchGate() {
            gate.touch(holder);
        }

        @Override
        public void exitGate() {
            gate.exit(holder);
        }

        @Override
        public void begin(boolean immediate) throws SQLException {
            sql(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
        }

        @Override
        public void commit() throws SQLException {
            if (commitFailure != null) {
                throw commitFailure;
            }
            sql("COMMIT");
        }

        @Override
        public void rollback() throws SQLException {
            rollbacks++;
            try {
                sql("ROLLBACK");
            } catch (SQLException e) {
                if (!e.getMessage().contains("no transaction is active")) {
                    throw e;
                }
            }
        }

        @Override
        public boolean inTransaction() throws SQLException {
            questions++;
            if (probeFailure != null) {
                throw probeFailure;
            }
            try {
                sql("BEGIN");
            } catch (SQLException e) {
                return true;
            }
            sql("COMMIT");
            return false;
        }

        @Override
        public void afterCommit() throws SQLException {
            afterCommits++;
            if (durabilityFailure != null) {
                throw durabilityFailure;
            }
        }
    }
}
