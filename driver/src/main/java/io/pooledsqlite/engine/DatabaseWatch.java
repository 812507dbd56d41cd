package io.pooledsqlite.engine;

import java.sql.SQLException;

/**
 * What a pool asks on its borrow path about the database it serves, beyond what open connections can see
 * (for a plain file: deleted, replaced, found corrupt, writable again). An engine gives one, or none, for
 * a target ({@link Engine#watch}).
 */
public interface DatabaseWatch {
    /** What a pool does when its database changed under it. */
    interface Reaction {
        /** Close every connection to the old database: idle ones now, borrowed ones when returned. */
        void dropConnections();
    }

    /**
     * Checks the database if a check is due ({@code now} in nanoseconds, for differences only: the pool's clock), and throws if the
     * pool must not lend connections now.
     */
    void check(long now, Reaction reaction) throws SQLException;

    /** False while the pool must not open connections to the database. */
    boolean allowsConnections();

    /**
     * Records that the engine found the database corrupt: the pool refuses connections until it is
     * replaced. Returns true the first time.
     */
    boolean corrupt(SQLException cause);
}
