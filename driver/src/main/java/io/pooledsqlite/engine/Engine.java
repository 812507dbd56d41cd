package io.pooledsqlite.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A SQLite implementation the pool opens physical connections with. Chosen once per pool by
 * {@link EngineResolver}.
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

    /** Called after every successful {@code COMMIT} on a physical connection, e.g. to make it durable. */
    default void afterCommit(Connection physical) throws SQLException {
    }

    /** Called once when the pool closes, after its last physical connection closed. */
    /**
     * False if statements that open or write other database files ({@code ATTACH}, {@code VACUUM INTO})
     * cannot reach real files on this engine: they are refused instead of silently acting elsewhere.
     */
    default boolean reachesOtherFiles() {
        return true;
    }

    default void close() {
    }
}
