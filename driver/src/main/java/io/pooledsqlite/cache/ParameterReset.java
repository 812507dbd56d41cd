package io.pooledsqlite.cache;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How a physical prepared statement gets the parameters and batch of a freshly prepared one again: the
 * engine's way ({@code Engine.clearParameters}), which may be shorter than JDBC's.
 */
@FunctionalInterface
public interface ParameterReset {
    /** Clears the parameters and batch of {@code physical}. */
    void clear(PreparedStatement physical) throws SQLException;
}
