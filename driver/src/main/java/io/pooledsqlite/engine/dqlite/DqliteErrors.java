package io.pooledsqlite.engine.dqlite;

import io.pooledsqlite.error.SqliteErrors;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns what a dqlite node or the network did into the exceptions a local file would give: a refusal by
 * SQLite carries its result code and the SQLState of {@link SqliteErrors} (the cause is an
 * {@code SQLiteException}, so the pool classifies it like a local one). A lost connection says what
 * became of the statement: not applied ({@code 08006}), or unknown ({@value #OUTCOME_UNKNOWN}) when the
 * leader may have committed it before it went away.
 */
final class DqliteErrors {
    /** SQLState of a statement whose outcome is unknown: the leader may or may not have committed it. */
    static final String OUTCOME_UNKNOWN = "40003";
    /** SQLState of a connection that was lost; what it was doing had no effect. */
    static final String CONNECTION_LOST = "08006";
    /** SQLite's primary code for I/O errors, the vendor code of a lost connection. */
    private static final int IOERR = 10;

    private DqliteErrors() {
    }

    /** A refusal by SQLite on the leader, shaped like sqlite-jdbc's exception and translated. */
    static SQLException refused(ServerFailure f) {
        SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(f.code());
        if (code == SQLiteErrorCode.UNKNOWN_ERROR) {
            code = SQLiteErrorCode.getErrorCode(f.code() & 0xff);
        }
        SQLiteException e = new SQLiteException("[" + code.name() + "] " + code.message + " (" + f.getMessage()
                + ")", code);
        return SqliteErrors.translate(e);
    }

    /** The leader the session talked to stopped leading before the statement ran: nothing was applied. */
    static SQLException notLeader(String address, ServerFailure f) {
        return new SQLTransientConnectionException("dqlite node " + address + " is no longer the leader ("
                + f.getMessage() + "); the statement was not applied. Open a new connection to reach the new"
                + " leader", CONNECTION_LOST, f.code());
    }

    /** The connection to the leader broke, or the leader lost leadership, while a statement ran. */
    static SQLException lost(String address, Exception cause, Outcome outcome) {
        String what;
        switch (outcome) {
            case UNKNOWN:
                return new SQLTransientConnectionException("Statement completion unknown: the connection to dqlite"
                        + " leader " + address + " was lost (" + describe(cause) + ") after the statement was"
                        + " sent; it may or may not have been committed. It was not retried; check its"
                        + " effect before running it again", OUTCOME_UNKNOWN, IOERR, cause);
            case TRANSACTION_LOST:
                what = "the open transaction was not committed";
                break;
            default:
                what = "the statement was not applied";
                break;
        }
        return new SQLTransientConnectionException("The connection to dqlite leader " + address + " was lost ("
                + describe(cause) + "); " + what + ". Open a new connection to reach the leader", CONNECTION_LOST,
                IOERR, cause);
    }

    static SQLException closed() {
        return new SQLNonTransientConnectionException("The dqlite connection is closed", "08003");
    }

    static SQLFeatureNotSupportedException unsupported(String method) {
        return new SQLFeatureNotSupportedException(method + " is not supported on a dqlite connection", "0A000");
    }

    private static String describe(Exception e) {
        if (e instanceof ServerFailure) {
            return e.getMessage() + ", code " + ((ServerFailure) e).code();
        }
        String m = e.getMessage();
        return e instanceof IOException && m != null ? m : e.toString();
    }

    /** What became of a statement whose connection was lost. */
    enum Outcome {
        /** It had no effect: a read, a statement not yet sent, or outside any write. */
        NOT_APPLIED,
        /** It ran inside a transaction that had not been committed: the whole transaction is gone. */
        TRANSACTION_LOST,
        /** A {@code COMMIT} or an auto-commit write: the leader may have committed it. */
        UNKNOWN
    }
}
