package io.pooledsqlite.engine.dqlite;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

/** The exception of a batch that stopped at a failing entry, carrying the counts of the entries before it. */
final class BatchFailure {
    private BatchFailure() {
    }

    static BatchUpdateException of(SQLException cause, long[] doneCounts) {
        return new BatchUpdateException(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), doneCounts,
                cause);
    }
}
