package io.pooledsqlite.engine;

import io.pooledsqlite.error.SqliteErrors;
import java.sql.SQLException;

/**
 * What an engine's errors mean to the pool and its connections: which failures are worth running again,
 * which leave the physical connection unusable, which say the database itself is damaged, and the
 * exception a caller sees. The defaults read SQLite's result codes ({@link SqliteErrors}); an engine
 * overrides only where its errors say more or differ.
 */
public interface ErrorClassifier {
    /** SQLite's classification, for every engine whose errors carry SQLite's result codes. */
    ErrorClassifier SQLITE = new ErrorClassifier() {
    };

    /** Another connection holds a lock: a single statement that ran nothing may succeed when run again. */
    default boolean isBusy(SQLException e) {
        return SqliteErrors.isBusy(e);
    }

    /** The physical connection can no longer be trusted: it leaves the pool when it is returned. */
    default boolean isFatal(SQLException e) {
        return SqliteErrors.isFatal(e);
    }

    /** The database itself is damaged: the pool stops lending connections to it (where it can watch it). */
    default boolean isCorruption(SQLException e) {
        return SqliteErrors.isCorruption(e);
    }

    /** A write was refused because the database (or its file) is read-only. */
    default boolean isReadOnly(SQLException e) {
        return SqliteErrors.resultCode(e) == SqliteErrors.READONLY;
    }

    /**
     * A {@code COMMIT} failed without saying whether it took effect (a replicated engine lost its leader
     * after the commit was sent): nothing is rolled back and the failure reaches the caller as it is.
     */
    default boolean isOutcomeUnknown(SQLException e) {
        return false;
    }

    /** The exception a caller sees with {@code translateErrors}: a JDBC subclass with a SQLState. */
    default SQLException translate(SQLException e) {
        return SqliteErrors.translate(e);
    }
}
