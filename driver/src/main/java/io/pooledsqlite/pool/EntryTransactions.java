package io.pooledsqlite.pool;

import io.pooledsqlite.error.SqliteErrors;
import io.pooledsqlite.write.TransactionPort;
import io.pooledsqlite.write.WriteGate;
import java.sql.SQLException;

/**
 * The {@link TransactionPort} of one pool entry: its physical connection's transaction statements, the
 * pool's write gate (held in the entry's name, so a transaction may move between threads), and the
 * engine's durability step.
 */
final class EntryTransactions implements TransactionPort {
    private final ConnectionPool pool;
    private final PoolEntry entry;
    private final WriteGate gate;

    EntryTransactions(ConnectionPool pool, PoolEntry entry) {
        this.pool = pool;
        this.entry = entry;
        this.gate = pool.gate();
    }

    @Override
    public void enterGate() throws SQLException {
        long waited;
        try {
            waited = gate.enter(this, pool.busyTimeoutMs());
        } catch (SQLException busy) {
            throw pool.translateErrors() ? busy : SqliteErrors.untranslatedBusy(busy);
        }
        if (waited > 0) {
            pool.recordGateWait(waited);
        }
    }

    @Override
    public void touchGate() {
        gate.touch(this);
    }

    @Override
    public void exitGate() {
        gate.exit(this);
    }

    @Override
    public void begin(boolean immediate) throws SQLException {
        entry.begin(immediate);
    }

    @Override
    public void commit() throws SQLException {
        entry.commit();
    }

    @Override
    public void rollback() throws SQLException {
        entry.rollback();
    }

    @Override
    public boolean inTransaction() throws SQLException {
        return entry.inTransaction();
    }

    @Override
    public void afterCommit() throws SQLException {
        pool.engine().afterCommit(entry.physical());
    }
}
