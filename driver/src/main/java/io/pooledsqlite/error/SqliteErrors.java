package io.pooledsqlite.error;

import java.sql.BatchUpdateException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientException;
import java.util.Locale;
import org.sqlite.SQLiteException;

/**
 * Gives sqlite-jdbc's exceptions, which carry no SQLState, the JDBC subclass and standard SQLState that
 * frameworks classify errors by. The SQLite result code stays the error code and the original exception
 * the cause. The mapping is documented in docs/errors.md.
 */
public final class SqliteErrors {
    /** SQLITE_BUSY: the database file is locked by another connection. */
    public static final int BUSY = 5;
    /** SQLITE_LOCKED: a table is locked within the same database connection or shared cache. */
    public static final int LOCKED = 6;
    /** SQLITE_READONLY: an attempt to write a read-only database. */
    public static final int READONLY = 8;

    private static final String SQLITE4J_EXCEPTION = "io.roastedroot.sqlite4j.SQLiteException";

    private SqliteErrors() {
    }

    /** The primary SQLite result code of an exception, or -1 if it did not come from SQLite. */
    public static int resultCode(SQLException e) {
        int code = extendedCode(e);
        if (code < 0 && e.getCause() instanceof SQLException) {
            code = extendedCode((SQLException) e.getCause());
        }
        return code < 0 ? -1 : code & 0xff;
    }

    /**
     * The extended SQLite result code, or -1 if the exception did not come from SQLite: sqlite-jdbc's
     * {@link SQLiteException}, or the same-shaped one of the pure-Java engine (sqlite4j, an optional
     * dependency, so it is recognised by name).
     */
    private static int extendedCode(SQLException e) {
        if (e instanceof SQLiteException) {
            return ((SQLiteException) e).getResultCode().code;
        }
        if (e.getClass().getName().equals(SQLITE4J_EXCEPTION)) {
            try {
                Object resultCode = e.getClass().getMethod("getResultCode").invoke(e);
                return resultCode.getClass().getField("code").getInt(resultCode);
            } catch (ReflectiveOperationException | RuntimeException notAsExpected) {
                return e.getErrorCode();
            }
        }
        return -1;
    }

    /** True for BUSY and LOCKED: another connection holds a lock; the same work may succeed later. */
    public static boolean isBusy(SQLException e) {
        int code = resultCode(e);
        return code == BUSY || code == LOCKED;
    }

    /**
     * True when the physical connection can no longer be trusted and must leave the pool: I/O errors,
     * corruption, a file that is not a database, a file that cannot be opened, out of memory, misuse.
     */
    public static boolean isFatal(SQLException e) {
        switch (resultCode(e)) {
            case 7:  // NOMEM
            case 10: // IOERR
            case 11: // CORRUPT
            case 14: // CANTOPEN
            case 21: // MISUSE
            case 26: // NOTADB
                return true;
            default:
                return false;
        }
    }

    /** True for SQLITE_CORRUPT and SQLITE_NOTADB: the file itself is damaged. */
    public static boolean isCorruption(SQLException e) {
        int code = resultCode(e);
        return code == 11 || code == 26;
    }

    /** Returns {@code e} itself when it already has a SQLState, else its translation. */
    public static SQLException translate(SQLException e) {
        if (e.getSQLState() != null) {
            return e;
        }
        String message = e.getMessage();
        if (e instanceof BatchUpdateException) {
            // callers read the update counts, and catch this type to tell a batch failure
            return new BatchUpdateException(message, "HY000", e.getErrorCode(),
                    ((BatchUpdateException) e).getUpdateCounts(), e);
        }
        if (e instanceof SQLFeatureNotSupportedException) {
            return new SQLFeatureNotSupportedException(message, "0A000", e.getErrorCode(), e);
        }
        int code = extendedCode(e);
        if (code < 0) {
            return new SQLException(message, "HY000", e.getErrorCode(), e);
        }
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        switch (code & 0xff) {
            case 1: // ERROR
                if (lower.contains("syntax error") || lower.contains("incomplete input")) {
                    return new SQLSyntaxErrorException(message, "42000", code, e);
                }
                if (lower.contains("no such table")) {
                    return new SQLSyntaxErrorException(message, "42S02", code, e);
                }
                if (lower.contains("no such column")) {
                    return new SQLSyntaxErrorException(message, "42S22", code, e);
                }
                if (lower.contains("already exists")) {
                    return new SQLSyntaxErrorException(message, "42S01", code, e);
                }
                if (lower.contains("no such")) {
                    return new SQLSyntaxErrorException(message, "42000", code, e);
                }
                return new SQLException(message, "HY000", code, e);
            case 3:  // PERM
            case 23: // AUTH
                return new SQLNonTransientException(message, "42501", code, e);
            case 4:  // ABORT
            case 9:  // INTERRUPT
                return new SQLTransientException(message, "HY008", code, e);
            case BUSY:
            case LOCKED:
                return new SQLTransientException(message, "HYT00", code, e);
            case 7:  // NOMEM
                return new SQLNonTransientException(message, "HY001", code, e);
            case 8:  // READONLY
                return new SQLNonTransientException(message, "25006", code, e);
            case 10: // IOERR
                return new SQLNonTransientException(message, "58030", code, e);
            case 11: // CORRUPT
            case 26: // NOTADB
                return new SQLNonTransientException(message, "XX001", code, e);
            case 13: // FULL
                return new SQLNonTransientException(message, "53100", code, e);
            case 14: // CANTOPEN
                return new SQLNonTransientConnectionException(message, "08001", code, e);
            case 17: // SCHEMA
                return new SQLTransientException(message, "HY000", code, e);
            case 18: // TOOBIG
                return new SQLDataException(message, "22001", code, e);
            case 19: // CONSTRAINT
                return new SQLIntegrityConstraintViolationException(message, constraintState(code), code, e);
            case 20: // MISMATCH
                return new SQLDataException(message, "22000", code, e);
            case 21: // MISUSE
                return new SQLNonTransientException(message, "HY010", code, e);
            case 25: // RANGE
                return new SQLDataException(message, "07009", code, e);
            default:
                return new SQLException(message, "HY000", code, e);
        }
    }

    private static String constraintState(int extended) {
        switch (extended) {
            case 1299: // NOTNULL
                return "23502";
            case 787:  // FOREIGNKEY
                return "23503";
            case 1555: // PRIMARYKEY
            case 2067: // UNIQUE
                return "23505";
            case 275:  // CHECK
                return "23514";
            default:
                return "23000";
        }
    }

    /**
     * The pool's own busy error as sqlite-jdbc would throw it, message included, for code that catches
     * SQLiteException or compares messages; what the pool waited for is in the cause.
     */
    public static SQLException untranslatedBusy(SQLException busy) {
        org.sqlite.SQLiteErrorCode code = org.sqlite.SQLiteErrorCode.SQLITE_BUSY;
        String message = "[" + code.name() + "] " + code.message + " (database is locked)";
        SQLiteException e = new SQLiteException(message, code);
        e.initCause(busy);
        return e;
    }

    /** An exception shaped like SQLite's own SQLITE_BUSY, for waits the pool itself gave up on. */
    public static SQLException busy(String why) {
        return new SQLTransientException("[SQLITE_BUSY] The database file is locked (database is locked: "
                + why + ")", "HYT00", BUSY);
    }
}
