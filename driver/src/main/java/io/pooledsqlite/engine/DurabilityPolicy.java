package io.pooledsqlite.engine;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * When the pure-Java engine writes committed transactions to disk (whether it also syncs them is the
 * {@code synchronous} setting's business), set with the system property {@value #PROPERTY}:
 * <ul>
 *   <li>{@code commit} (default): before {@code commit()} returns. A commit that returned is on disk.
 *   <li>{@code interval:<ms>}: at the first commit at least that long after the previous write, and when
 *       the connection closes (pool close, retirement, JVM shutdown). Fewer syncs, but a crash or
 *       {@code kill -9} loses every commit since the last write to disk — not only the last
 *       {@code <ms>}: if commits stop, the tail stays in memory until the next commit or close.
 * </ul>
 */
final class DurabilityPolicy {
    static final String PROPERTY = "pooledsqlite.wasm.durability";

    private final long intervalNanos;

    private DurabilityPolicy(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    static DurabilityPolicy fromSystemProperty() throws SQLException {
        return parse(System.getProperty(PROPERTY, "commit"));
    }

    /** The policy a value of {@link #PROPERTY} names: {@code commit} or {@code interval:<milliseconds>}. */
    static DurabilityPolicy parse(String text) throws SQLException {
        String value = text.trim();
        if (value.equals("commit")) {
            return new DurabilityPolicy(0);
        }
        if (value.startsWith("interval:")) {
            try {
                long ms = Long.parseLong(value.substring("interval:".length()));
                if (ms > 0) {
                    return new DurabilityPolicy(TimeUnit.MILLISECONDS.toNanos(ms));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new SQLException("Bad value for system property " + PROPERTY + ": '" + value
                + "'. Expected commit or interval:<milliseconds>", "22023");
    }

    /** True if the commits so far must be written now, given when they were last written. */
    boolean due(long lastWriteNanos, long now) {
        return intervalNanos == 0 || now - lastWriteNanos >= intervalNanos;
    }

    @Override
    public String toString() {
        return intervalNanos == 0 ? "commit" : "interval of " + TimeUnit.NANOSECONDS.toMillis(intervalNanos) + " ms";
    }
}
