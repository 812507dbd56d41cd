package io.pooledsqlite.cache;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The prepared statements of one physical connection that nobody is using, least recently returned
 * first. A statement leaves the cache while a caller uses it, so two callers never share one, and comes
 * back on the caller's {@code close()}. Past {@code statementCacheSize} the oldest is really closed.
 * sqlite-jdbc prepares anew on every {@code prepareStatement}; this is where reuse pays.
 */
public final class StatementCache {
    private final int capacity;
    private final LinkedHashMap<Object, CachedStatement> idle = new LinkedHashMap<>();
    private final LongAdder evictions;
    private final ParameterReset parameterReset;

    /**
     * A cache of at most {@code capacity} statements (0: none) counting evictions into {@code evictions},
     * whose returned statements {@code parameterReset} clears.
     */
    public StatementCache(int capacity, LongAdder evictions, ParameterReset parameterReset) {
        this.capacity = capacity;
        this.evictions = evictions;
        this.parameterReset = parameterReset;
    }

    /** Clears the parameters and batch of a statement on its way back, before {@link #give}. */
    public void clearParameters(PreparedStatement physical) throws SQLException {
        parameterReset.clear(physical);
    }

    /** Takes an idle statement for the key, or {@code null} on a miss. */
    public synchronized CachedStatement take(Object key) {
        return capacity == 0 ? null : idle.remove(key);
    }

    /**
     * Gives a statement back for reuse. The caller has already cleared its parameters, batch and result
     * set. If the cache is off or full, a statement is closed.
     */
    public void give(CachedStatement s) {
        List<CachedStatement> toClose = null;
        synchronized (this) {
            if (capacity == 0) {
                toClose = List.of(s);
            } else {
                CachedStatement previous = idle.put(s.key(), s);
                if (previous != null) {
                    toClose = new ArrayList<>(2);
                    toClose.add(previous);
                }
                if (idle.size() > capacity) {
                    // only past capacity: the common return allocates nothing
                    Iterator<CachedStatement> oldest = idle.values().iterator();
                    while (idle.size() > capacity) {
                        if (toClose == null) {
                            toClose = new ArrayList<>(2);
                        }
                        toClose.add(oldest.next());
                        oldest.remove();
                        evictions.increment();
                    }
                }
            }
        }
        if (toClose != null) {
            for (CachedStatement c : toClose) {
                closeQuietly(c);
            }
        }
    }

    /** Closes every idle statement. */
    public void clear() {
        List<CachedStatement> all;
        synchronized (this) {
            all = new ArrayList<>(idle.values());
            idle.clear();
        }
        for (CachedStatement c : all) {
            closeQuietly(c);
        }
    }


    private static void closeQuietly(CachedStatement c) {
        try {
            c.statement().close();
        } catch (SQLException ignored) {
            // the statement is gone either way
        }
    }
}
