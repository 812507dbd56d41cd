package io.pooledsqlite.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
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

    private long count() throws SQLException {
        try (Connection fresh = new org.sqlite.JDBC().connect("jdbc:sqlite:" + dir.resolve("t.db"), new Properties());
             ResultSet rs = fresh.createStatement().executeQuery("SELECT count(*) FROM t")) {
            return rs.getLong(1);
        }
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
            sql("COMMIT");
        }

        @Override
        public void rollback() throws SQLException {
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
            try {
                sql("BEGIN");
            } catch (SQLException e) {
                return true;
            }
            sql("COMMIT");
            return false;
        }

        @Override
        public void afterCommit() {
            afterCommits++;
        }
    }
}
