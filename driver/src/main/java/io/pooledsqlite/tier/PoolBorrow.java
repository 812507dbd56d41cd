package io.pooledsqlite.tier;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What tiers need of the pool beneath them: a borrow that gives up at a deadline the caller chose, so
 * that a tenant's wait at its tier and at the pool together stay within one {@code connectionTimeout}.
 */
@FunctionalInterface
public interface PoolBorrow {
    /**
     * Borrows a connection, waiting until {@code deadline} ({@link System#nanoTime()}) at the latest.
     *
     * @param whenReturned if not null, runs once after the connection is back in the pool
     */
    Connection borrow(long deadline, Runnable whenReturned) throws SQLException;
}
