package io.pooledsqlite.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 *
 * <p>The statement returned last waits in a slot of its own, the others in a map in the order they came
 * back. A program mostly prepares again what it closed last: that statement goes out and back with one
 * compare-and-set each way, where the map's lock costs two atomic operations each way and the map an
 * entry per return (~25 ns of a ~1.8 µs point select, issue 18).
 */
public final class StatementCache {
    private static final VarHandle RECENT;

    static {
        try {
            RECENT = MethodHandles.lookup().findVarHandle(StatementCache.class, "recent", CachedStatement.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    /** The idle statement returned last, or {@code null}: newer than every statement in {@link #idle}. */
    @SuppressWarnings("unused") // through RECENT
    private volatile CachedStatement recent;
    /** The other idle statements, least recently returned first. */
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
    public CachedStatement take(Object key) {
        CachedStatement last = recent;
        if (last != null && last.key().equals(key) && RECENT.compareAndSet(this, last, null)) {
            return last;
        }
        synchronized (this) {
            return capacity == 0 ? null : idle.remove(key);
        }
    }

    /**
     * Gives a statement back for reuse. The caller has already cleared its parameters, batch and result
     * set. If the cache is off or full, a statement is closed.
     */
    public void give(CachedStatement s) {
        if (capacity > 0 && RECENT.compareAndSet(this, null, s)) {
            return;
        }
        List<CachedStatement> toClose = null;
        synchronized (this) {
            if (capacity == 0) {
                toClose = List.of(s);
            } else {
                // s is now the newest; the one it replaces in the slot is newer than all in the map
                CachedStatement older = (CachedStatement) RECENT.getAndSet(this, s);
                if (older != null) {
                    CachedStatement previous = idle.put(older.key(), older);
                    if (previous != null) {
                        toClose = new ArrayList<>(2);
                        toClose.add(previous);
                    }
                }
                int room = capacity - (recent != null ? 1 : 0);
                if (idle.size() > room) {
                    // only past capacity: the common return allocates nothing
                    Iterator<CachedStatement> oldest = idle.values().iterator();
                    while (idle.size() > room) {
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
            CachedStatement last = (CachedStatement) RECENT.getAndSet(this, null);
            if (last != null) {
                all.add(last);
            }
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
