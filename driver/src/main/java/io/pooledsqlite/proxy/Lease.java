package io.pooledsqlite.proxy;

import io.pooledsqlite.cache.StatementCache;
import io.pooledsqlite.engine.ErrorClassifier;
import io.pooledsqlite.metrics.PoolCounters;
import io.pooledsqlite.write.SqlClassifier;
import io.pooledsqlite.write.StatementKind;
import io.pooledsqlite.write.TransactionState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What a logical connection holds while it is borrowed: one physical connection with its statement cache
 * and transaction state, the facts about it the wrapper decides with, the pool's counters, and the way
 * back. Whoever lends connections implements it; {@link ConnectionProxy} knows nothing else of the pool.
 * One lease per physical connection, reused by every borrower of it, so nothing is allocated per borrow.
 */
public interface Lease extends SqlClassifier.WriteProbe {
    /** The sqlite-jdbc (or sqlite4j) connection. Never handed to callers. */
    Connection physical();

    /** This connection's idle prepared statements. */
    StatementCache statements();

    /** The transaction state machine of this connection (write gate, {@code BEGIN}, {@code COMMIT}). */
    TransactionState transaction();

    /** Statements and result sets the borrower has open; the list is reused across borrows. */
    List<AutoCloseable> openResources();

    /** Counters of the pool the connection belongs to. */
    PoolCounters counters();

    /** The name of the pool, for messages. */
    String poolName();

    /** Whether errors reach callers translated to JDBC subclasses with SQLStates ({@code translateErrors}). */
    boolean translateErrors();

    /** sqlite-jdbc's behaviour where it differs from JDBC's ({@code sqliteJdbcSemantics}). */
    boolean sqliteJdbcSemantics();

    /** The name of the engine the connection runs on. */
    String engineName();

    /** Whether the engine lets ATTACH and VACUUM INTO reach files on disk. */
    boolean reachesOtherFiles();

    /** What the engine's errors mean: busy, fatal to the connection, corruption, outcome unknown, translation. */
    ErrorClassifier errors();

    /**
     * The physical connection says it was opened read-only ({@code open_mode=1}). A {@code file:...?mode=ro}
     * URI refuses writes too, but sqlite-jdbc's {@code isReadOnly()} does not report it.
     */
    boolean opensReadOnly();

    /** Remembers what connection state a statement the borrower ran may have changed. */
    void noteStatement(StatementKind kind);

    /** The borrower reached the physical connection: it is closed on return, never lent again. */
    void replaceOnReturn();

    /** A borrower ran DML: {@code changes()} and {@code last_insert_rowid()} are no longer a fresh one's. */
    void dmlRan();

    /** True once any borrower ran DML on this connection. */
    boolean ranDml();

    /** {@code sqlite3_changes()} of the last statement, or -1 when the engine does not say. */
    long changes();

    /** Sets {@code last_insert_rowid()} and {@code changes()} back to a fresh connection's 0. */
    void resetChangeCounters() throws SQLException;

    /** Makes the connection refuse writes ({@code PRAGMA query_only}), the way read-only is enforced. */
    void setQueryOnly(boolean on) throws SQLException;

    /** Finalizes the statements kept prepared on this connection (SQLite refuses VACUUM while any is active). */
    void finalizeIdleStatements();

    /** SQLite reported the database corrupt: the lender stops lending connections to it. */
    void databaseCorrupt(SQLException e);

    /**
     * Gives the connection back after the logical connection undid what its borrower changed.
     *
     * @param broken the connection must be closed, not lent again
     */
    void giveBack(boolean broken);
}
