package io.pooledsqlite.write;

import java.sql.SQLException;

/**
 * The transaction state machine of one physical connection, kept from SQLite's own answers.
 *
 * <p>The physical connection stays in sqlite-jdbc's auto-commit mode; this class decides when a
 * transaction begins and ends. With JDBC auto-commit off it begins lazily, at the first statement,
 * as {@code BEGIN IMMEDIATE} after taking the write gate (plain {@code BEGIN}, without the gate, on a
 * read-only connection). In auto-commit mode a statement that may write holds the gate while it runs,
 * and a write whose result set is still open (e.g. {@code INSERT … RETURNING}) holds it until that result
 * set is done, because SQLite keeps its write lock until then.
 *
 * <p>Statements that may open or close a transaction ({@code BEGIN}, {@code SAVEPOINT}, {@code RELEASE},
 * {@code COMMIT}, scripts) and statements that fail inside a transaction are followed by asking SQLite
 * whether a transaction is open; whatever opened it, an open transaction holds the gate until SQLite
 * says it has ended. Other statements cannot change the answer, so they cost no question.
 */
public final class TransactionState {
    /** SQLState of a statement whose outcome cannot be known (a remote engine lost its leader). */
    private static final String OUTCOME_UNKNOWN = "40003";

    private final TransactionPort port;

    private boolean autoCommit = true;
    private boolean readOnly;
    /** SQLite is inside a transaction (begun by the pool or by the caller's SQL). */
    private boolean open;
    private boolean gateHeld;
    private boolean gateForStatement;
    private boolean gateForTransaction;
    private int gateForResults;
    /**
     * With auto-commit off, the caller's own SQL {@code COMMIT} or {@code ROLLBACK} ended the transaction.
     * sqlite-jdbc then runs statements in SQLite's auto-commit mode until the next {@code commit()} or
     * {@code rollback()}, which fail because no transaction is active; so does this class.
     */
    private boolean suspended;
    /** The borrower ran something after which SQLite must be asked again when the connection is returned. */
    private boolean uncertain;
    /** Until the borrower is done, SQLite's locking decides alone (the borrower installed a busy handler). */
    private boolean gateBypassed;

    public TransactionState(TransactionPort port) {
        this.port = port;
    }

    // ---------------------------------------------------------------- the caller's settings

    public boolean autoCommit() {
        return autoCommit;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** True while SQLite is inside a transaction. */
    public boolean isOpen() {
        return open;
    }

    /**
     * Until {@link #reset()}, statements and transactions take no write gate (one already held is kept
     * until it is released): SQLite's own locking, and a busy handler the borrower installed, decide.
     */
    public void bypassGate() {
        gateBypassed = true;
    }

    /** True after {@link #bypassGate()}, until the borrower is done. */
    public boolean gateBypassed() {
        return gateBypassed;
    }

    /** True while this connection holds the database's write gate. */
    public boolean holdsGate() {
        return gateHeld;
    }

    /**
     * JDBC's {@code setAutoCommit}: switching it on commits an open transaction; switching it off holds no
     * lock until the first statement.
     */
    public void setAutoCommit(boolean on) throws SQLException {
        if (on == autoCommit) {
            return;
        }
        if (on && open) {
            commit();
        }
        autoCommit = on;
        suspended = false;
    }

    /** Read-only connections begin with plain {@code BEGIN} and never take the gate. */
    public void setReadOnly(boolean on) throws SQLException {
        if (open) {
            throw new SQLException("Cannot change read-only mode inside a transaction", "25001");
        }
        readOnly = on;
    }

    // ---------------------------------------------------------------- statements

    /** Before a statement runs: begins the transaction, or takes the gate, as its kind needs. */
    public void beforeStatement(StatementKind kind) throws SQLException {
        if (gateHeld) {
            port.touchGate();
        }
        if (open) {
            return;
        }
        if (!autoCommit && !suspended) {
            begin();
            return;
        }
        if ((kind.writes() || kind.controlsTransactions()) && !readOnly) {
            takeGate();
            gateForStatement = true;
        }
    }

    /**
     * After a statement ran ({@code ok}) or failed. Asks SQLite whether a transaction is open when the
     * statement could have changed that, keeps the gate for a transaction the statement opened or for a
     * write result set still open, and makes auto-commit writes durable.
     *
     * @return true if the open result set of this statement now holds the gate: call
     *     {@link #resultSetDone()} when it is closed
     */
    public boolean afterStatement(StatementKind kind, boolean ok, boolean resultSetOpen) throws SQLException {
        boolean wasOpen = open;
        if (kind.controlsTransactions() || (!ok && open)) {
            uncertain = true;
            follow(port.inTransaction());
            // the caller's own COMMIT/ROLLBACK (not SQLite giving up after an error) ended it
            suspended = wasOpen && !open && ok && !autoCommit;
        }
        boolean resultHolds = false;
        if (gateForStatement) {
            gateForStatement = false;
            if (open && !wasOpen) {
                gateForTransaction = true;
            } else if (ok && resultSetOpen && kind.writes() && !open) {
                gateForResults++;
                resultHolds = true;
            }
            boolean committed = !open && kind.writes() && !resultHolds;
            releaseIfUnused();
            if (committed) {
                durable(ok);
            }
        }
        return resultHolds;
    }

    /** A result set that held the gate (see {@link #afterStatement}) is closed or exhausted. */
    public void resultSetDone() throws SQLException {
        if (gateForResults > 0) {
            gateForResults--;
            releaseIfUnused();
            if (!gateHeld) {
                durable(true);
            }
        }
    }

    /** True if a failed statement may run again: only alone, outside a transaction, where SQLite ran nothing. */
    public boolean mayRetry(StatementKind kind) {
        return !open && !kind.isScript();
    }

    // ---------------------------------------------------------------- transaction boundaries

    /**
     * JDBC's {@code commit()}. A failed COMMIT leaves the transaction as SQLite left it: still open (and
     * the caller may retry or roll back), or rolled back by SQLite, after which {@link #isOpen()} is false.
     */
    public void commit() throws SQLException {
        if (suspended && !open) {
            throw noTransaction("commit");
        }
        suspended = false;
        if (!open) {
            return;
        }
        try {
            port.commit();
        } catch (SQLException e) {
            boolean stillOpen;
            if (OUTCOME_UNKNOWN.equals(e.getSQLState())) {
                // a replicated engine lost its leader after COMMIT was sent: there is nobody left to ask
                stillOpen = false;
            } else {
                try {
                    stillOpen = port.inTransaction();
                } catch (SQLException probe) {
                    e.addSuppressed(probe);
                    stillOpen = false;
                }
            }
            if (!stillOpen) {
                // SQLite gave up the transaction itself (disk full, I/O error): the caller sees isOpen() false
                ended();
            }
            throw e;
        }
        ended();
        durable(true);
    }

    /** JDBC's {@code rollback()}. */
    public void rollback() throws SQLException {
        if (suspended && !open) {
            throw noTransaction("rollback");
        }
        suspended = false;
        if (!open) {
            return;
        }
        try {
            port.rollback();
        } finally {
            ended();
        }
    }

    /**
     * When the borrower is done: rolls back whatever is open and releases the gate.
     *
     * @return true if SQLite is verifiably outside any transaction, so the connection may be lent again
     */
    public boolean reset() {
        boolean clean = true;
        try {
            if (open || uncertain) {
                if (open) {
                    port.rollback();
                }
                clean = !port.inTransaction();
            }
        } catch (SQLException | RuntimeException e) {
            // a rollback hook that throws, a closed connection: the connection is not lent again
            clean = false;
        } finally {
            open = false;
            suspended = false;
            gateForStatement = false;
            gateForTransaction = false;
            gateForResults = 0;
            autoCommit = true;
            readOnly = false;
            uncertain = false;
            gateBypassed = false;
            if (gateHeld) {
                gateHeld = false;
                port.exitGate();
            }
        }
        return clean;
    }

    private void begin() throws SQLException {
        boolean immediate = !readOnly;
        if (immediate) {
            takeGate();
        }
        try {
            port.begin(immediate);
        } catch (SQLException e) {
            releaseIfUnused();
            throw e;
        }
        open = true;
        gateForTransaction = immediate;
    }

    /**
     * Follows SQLite's answer: a transaction that ended releases the gate. One the statement opened keeps
     * it: {@link #afterStatement} hands the statement's gate to the transaction.
     */
    private void follow(boolean inTransaction) throws SQLException {
        if (inTransaction == open) {
            return;
        }
        if (inTransaction) {
            open = true;
        } else {
            boolean wrote = gateForTransaction;
            ended();
            if (wrote) {
                durable(true);
            }
        }
    }

    /** sqlite-jdbc's answer to commit() or rollback() when the caller's SQL already ended the transaction. */
    private static SQLException noTransaction(String what) {
        return new SQLException("[SQLITE_ERROR] SQL error or missing database (cannot " + what
                + " - no transaction is active)", "25000", 1);
    }

    private void ended() {
        open = false;
        gateForTransaction = false;
        releaseIfUnused();
    }

    private void takeGate() throws SQLException {
        if (!gateHeld && !gateBypassed) {
            port.enterGate();
            gateHeld = true;
        }
    }

    private void releaseIfUnused() {
        if (gateHeld && !gateForStatement && !gateForTransaction && gateForResults == 0) {
            gateHeld = false;
            port.exitGate();
        }
    }

    /** After a commit; a failure of the durability step after a failed statement adds to that failure. */
    private void durable(boolean ok) throws SQLException {
        try {
            port.afterCommit();
        } catch (SQLException e) {
            if (ok) {
                throw e;
            }
        }
    }
}
