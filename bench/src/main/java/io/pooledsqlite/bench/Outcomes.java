package io.pooledsqlite.bench;

import java.sql.SQLException;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-thread outcome counters that JMH reports next to the attempt rate, as rates per second:
 * {@code committed} (work that succeeded), {@code busyErrors} ({@code SQLITE_BUSY} family) and
 * {@code otherErrors}. The first other error of each thread is logged so it cannot hide in a count.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Outcomes {

    private static final System.Logger LOG = System.getLogger(Outcomes.class.getName());

    /** Operations that completed and committed. */
    public long committed;
    /** Operations that failed with SQLITE_BUSY or an extended BUSY code. */
    public long busyErrors;
    /** Operations that failed otherwise. */
    public long otherErrors;

    private boolean otherErrorLogged;

    /** JMH keeps counter values across iterations unless they are reset. */
    @Setup(Level.Iteration)
    public void reset() {
        committed = 0;
        busyErrors = 0;
        otherErrors = 0;
    }

    /** Counts a failed operation by kind. */
    public void failed(SQLException failure) {
        if (SqliteErrors.isBusy(failure)) {
            busyErrors++;
        } else {
            otherErrors++;
            if (!otherErrorLogged) {
                otherErrorLogged = true;
                LOG.log(System.Logger.Level.WARNING, "operation failed (not SQLITE_BUSY)", failure);
            }
        }
    }
}
