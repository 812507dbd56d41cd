package io.pooledsqlite.engine;

import io.pooledsqlite.config.Target;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Everything engine-specific a pool and its connections ask: how a physical connection is opened, how
 * write transactions run ({@link #transactions()}), what errors mean ({@link #errors()}), what watches the
 * database ({@link #watch}), how its integrity is checked, how many connections it takes, what follows a
 * commit and how a reused statement is cleared. The defaults are SQLite's own behaviour on a local file;
 * an engine overrides where it differs, so a new engine is one implementation of this interface and the
 * pool and the wrappers stay as they are.
 * Chosen once per pool by {@code engine.resolve.EngineResolver}.
 */
public interface Engine {
    /** The name reported in the MXBean's {@code Engine} attribute and in logs, e.g. {@code native}. */
    String name();

    /**
     * Opens one physical connection.
     *
     * @param target what follows {@code jdbc:sqlite:}, e.g. a file path or a {@code file:} URI
     * @param sqliteSettings sqlite-jdbc settings (pragmas) by sqlite-jdbc's names
     */
    Connection open(String target, Properties sqliteSettings) throws SQLException;

    /** The most connections this engine can run at once for one database; the pool never exceeds it. */
    default int maxConnections(int requested) {
        return requested;
    }

    /** Whether this JVM's writers queue on a write gate, and the statement that begins a write transaction. */
    default TransactionControl transactions() {
        return TransactionControl.SQLITE;
    }

    /** What this engine's errors mean: busy, fatal to the connection, corruption, their translation. */
    default ErrorClassifier errors() {
        return ErrorClassifier.SQLITE;
    }

    /**
     * The watch a pool asks on its borrow path whether its database is still the one it opened, or
     * {@code null} for none. By default a plain file is watched (deleted, replaced, corrupt, writable again).
     */
    default DatabaseWatch watch(String poolName, Target target) {
        return target.plainFile() ? new DatabaseFileWatch(poolName, target.text()) : null;
    }

    /**
     * Checks the database on the pool's first connection, as the {@code integrityCheck} key asks
     * ({@code none}, {@code quick} or {@code full}); by default with SQLite's {@code PRAGMA quick_check} or
     * {@code PRAGMA integrity_check}, which only read.
     *
     * @throws SQLException with SQLState {@code XX001} and the first findings if the check fails
     */
    default void checkIntegrity(Connection physical, String mode, String poolName, String target)
            throws SQLException {
        IntegrityCheck.run(physical, mode, poolName, target);
    }

    /** Called after every successful {@code COMMIT} on a physical connection, e.g. to make it durable. */
    default void afterCommit(Connection physical) throws SQLException {
    }

    /**
     * False if statements that open or write other database files ({@code ATTACH}, {@code VACUUM INTO})
     * cannot reach real files on this engine: they are refused instead of silently acting elsewhere.
     */
    default boolean reachesOtherFiles() {
        return true;
    }

    /**
     * Runs one of the pool's own transaction statements ({@code BEGIN}, the write begin, {@code COMMIT},
     * {@code ROLLBACK}), prepared once on {@code physical} and run many times. An engine may take a shorter
     * way than {@link PreparedStatement#execute()}; the statement returns no rows.
     */
    default void runControl(Connection physical, PreparedStatement statement) throws SQLException {
        statement.execute();
    }

    /**
     * Gives a physical prepared statement the parameters and batch of a freshly prepared one, before the
     * statement cache lends it to another borrower: by default JDBC's {@code clearParameters()} and
     * {@code clearBatch()}. An engine may take a shorter way that leaves the same for the next execute.
     */
    default void clearParameters(PreparedStatement physical) throws SQLException {
        physical.clearParameters();
        physical.clearBatch();
    }

    /**
     * {@code sqlite3_changes()} of the last statement on {@code physical}, or -1 when the engine does not
     * say (then callers assume it changed rows).
     */
    default long changes(Connection physical) {
        return -1;
    }

    /** Called once when the pool closes, after its last physical connection closed. */
    default void close() {
    }
}
