package io.pooledsqlite.pool;

import io.pooledsqlite.engine.Engine;
import io.pooledsqlite.engine.TransactionControl;
import io.pooledsqlite.error.SqliteErrors;
import io.pooledsqlite.write.TransactionPort;
import io.pooledsqlite.write.WriteGate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The {@link TransactionPort} of one pool entry: its physical connection's transaction statements
 * (prepared once; a write transaction begins with the engine's {@link TransactionControl#beginWrite()}),
 * the pool's write gate (held in the entry's name, so a transaction may move between threads; none when
 * the engine orders writers itself), and the engine's durability step.
 */
final class EntryTransactions implements TransactionPort {
    private static final int BEGIN = 0;
    private static final int BEGIN_WRITE = 1;
    private static final int COMMIT = 2;
    private static final int ROLLBACK = 3;

    private final ConnectionPool pool;
    private final Connection physical;
    /** The pool's write gate, or null when the engine orders writers itself. */
    private final WriteGate gate;
    private final long busyTimeoutMs;
    private final boolean translateErrors;
    private final String[] controlSql;
    private final PreparedStatement[] control;
    private final Engine engine;

    EntryTransactions(ConnectionPool pool, Connection physical) {
        this.pool = pool;
        this.physical = physical;
        this.engine = pool.engine();
        this.gate = pool.gate();
        this.controlSql = new String[] {"BEGIN", engine.transactions().beginWrite(), "COMMIT", "ROLLBACK"};
        this.control = new PreparedStatement[controlSql.length];
        this.busyTimeoutMs = pool.config().busyTimeoutMs();
        this.translateErrors = pool.config().translateErrors();
    }

    @Override
    public void enterGate() throws SQLException {
        if (gate == null) {
            return;
        }
        long waited;
        try {
            waited = gate.enter(this, busyTimeoutMs);
        } catch (SQLException busy) {
            throw translateErrors ? busy : SqliteErrors.untranslatedBusy(busy);
        }
        if (waited > 0) {
            pool.metrics().writeGateWaited(waited);
        }
    }

    @Override
    public void touchGate() {
        if (gate != null) {
            gate.touch(this);
        }
    }

    @Override
    public void exitGate() {
        if (gate != null) {
            gate.exit(this);
        }
    }

    /**
     * Starts a transaction: a write transaction with the engine's statement (SQLite's {@code BEGIN IMMEDIATE}
     * takes the write lock now), a read transaction with {@code BEGIN}, which locks lazily.
     */
    @Override
    public void begin(boolean immediate) throws SQLException {
        run(immediate ? BEGIN_WRITE : BEGIN);
    }

    /** Runs {@code COMMIT}. */
    @Override
    public void commit() throws SQLException {
        run(COMMIT);
    }

    /**
     * Runs {@code ROLLBACK}. SQLite rolls some failed transactions back by itself (SQLITE_FULL, IOERR,
     * NOMEM…); finding no transaction then is the outcome asked for, not an error.
     */
    @Override
    public void rollback() throws SQLException {
        try {
            run(ROLLBACK);
        } catch (SQLException e) {
            String message = e.getMessage();
            if (message == null || !message.contains("no transaction is active")) {
                throw e;
            }
        }
    }

    /**
     * SQLite's answer to "is this connection inside a transaction?" (sqlite-jdbc does not expose
     * {@code sqlite3_get_autocommit}): a {@code BEGIN} is refused inside one. When it is accepted, the empty
     * transaction is committed again; {@code COMMIT}, unlike {@code ROLLBACK}, leaves the caller's open
     * result sets alone. Costs about 3 µs, so it runs only after statements that may change the answer.
     */
    @Override
    public boolean inTransaction() throws SQLException {
        try {
            run(BEGIN);
        } catch (SQLException e) {
            String message = e.getMessage();
            if (message != null && message.contains("within a transaction")) {
                return true;
            }
            throw e;
        }
        run(COMMIT);
        return false;
    }

    /**
     * Runs one of the transaction statements, prepared once. A failed one is closed and prepared anew next
     * time: sqlite-jdbc finalizes most failed statements itself, but one refused as busy stays in progress
     * and would make a later {@code COMMIT} fail. The engine runs it (native takes a shorter way than
     * {@code execute()}).
     */
    private void run(int which) throws SQLException {
        PreparedStatement s = control[which];
        if (s == null) {
            s = physical.prepareStatement(controlSql[which]);
            control[which] = s;
        }
        try {
            engine.runControl(physical, s);
        } catch (SQLException e) {
            control[which] = null;
            try {
                s.close();
            } catch (SQLException ignored) {
                // already finalized
            }
            throw e;
        }
    }

    @Override
    public void afterCommit() throws SQLException {
        engine.afterCommit(physical);
    }

    /** Finalizes the prepared transaction statements (SQLite refuses VACUUM while any is active). */
    void finalizeStatements() {
        for (int i = 0; i < control.length; i++) {
            if (control[i] != null) {
                try {
                    control[i].close();
                } catch (SQLException ignored) {
                    // prepared anew when next needed
                }
                control[i] = null;
            }
        }
    }
}
