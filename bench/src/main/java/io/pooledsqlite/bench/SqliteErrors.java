package io.pooledsqlite.bench;

import java.sql.SQLException;
import org.sqlite.SQLiteException;

/** Tells {@code SQLITE_BUSY} (and its extended codes such as {@code SQLITE_BUSY_SNAPSHOT}) from other failures. */
public final class SqliteErrors {

    private static final int SQLITE_BUSY = 5;

    private SqliteErrors() {
    }

    /** True when the failure, or any cause, is SQLite's BUSY family. */
    public static boolean isBusy(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                return (sqlite.getResultCode().code & 0xff) == SQLITE_BUSY;
            }
            if (t instanceof SQLException sql && (sql.getErrorCode() & 0xff) == SQLITE_BUSY) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("SQLITE_BUSY") || message.contains("database is locked"))) {
                return true;
            }
        }
        return false;
    }
}
