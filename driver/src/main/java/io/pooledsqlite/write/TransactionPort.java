package io.pooledsqlite.write;

import java.sql.SQLException;

/**
 * What {@link TransactionState} needs from a physical connection and its database: the write gate, the
 * transaction statements, SQLite's own answer to "is a transaction open?", and the engine's durability
 * step after a commit.
 */
public interface TransactionPort {
    /** Takes the database's write gate (bounded by {@code busy_timeout}). */
    void enterGate() throws SQLException;

    /** Records that the gate's holder now runs on the calling thread. */
    void touchGate();

    /** Releases the write gate. */
    void exitGate();

    /** A write transaction (the engine's statement; SQLite's {@code BEGIN IMMEDIATE}) or {@code BEGIN}. */
    void begin(boolean immediate) throws SQLException;

    /** {@code COMMIT}. */
    void commit() throws SQLException;

    /** {@code ROLLBACK}; finding no transaction is not an error. */
    void rollback() throws SQLException;

    /** Asks SQLite whether the connection is inside a transaction. */
    boolean inTransaction() throws SQLException;

    /** After a write committed: the engine makes it durable. */
    void afterCommit() throws SQLException;
}
