package io.pooledsqlite.bench;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How one contender hands out connections: a pool borrows and returns, a raw driver opens and closes,
 * a shared connection is handed out again and again and never closed by the caller.
 */
public interface ConnectionSource extends AutoCloseable {

    /** Obtains a connection the way the contender's users would. */
    Connection borrow() throws SQLException;

    /** Gives back a connection obtained from {@link #borrow()}. */
    void release(Connection connection) throws SQLException;

    /** Releases everything the contender holds (pool, shared connection). */
    @Override
    void close() throws SQLException;
}
