package io.pooledsqlite.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Operations and nanoseconds per pool in {@link HeadToHeadBenchmark}, as JMH event counters. Operations per
 * second for a pool = operations / nanoseconds × 10⁹; both of a pair keep counting during JMH's ramp-down,
 * so the quotient stays right.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class HeadToHeadTimings {

    public long hikariOps;
    public long hikariNanos;
    public long pooledsqliteOps;
    public long pooledsqliteNanos;

    @Setup(Level.Iteration)
    public void reset() {
        hikariOps = 0;
        hikariNanos = 0;
        pooledsqliteOps = 0;
        pooledsqliteNanos = 0;
    }

    void record(boolean pooled, int ops, long nanos) {
        if (pooled) {
            pooledsqliteOps += ops;
            pooledsqliteNanos += nanos;
        } else {
            hikariOps += ops;
            hikariNanos += nanos;
        }
    }
}
