package io.pooledsqlite.proxy;

import java.sql.SQLException;
import java.sql.Savepoint;

/** A savepoint set through a logical connection; SQLite savepoints are named, so unnamed ones get an id. */
final class LogicalSavepoint implements Savepoint {
    private final int id;
    private final String name;

    LogicalSavepoint(int id, String name) {
        this.id = id;
        this.name = name;
    }

    static LogicalSavepoint of(Savepoint s) throws SQLException {
        if (!(s instanceof LogicalSavepoint)) {
            throw new SQLException("Not a savepoint of this connection: " + s, "3B001");
        }
        return (LogicalSavepoint) s;
    }

    /** The identifier used in SQL, quoted. */
    String sqlName() {
        String raw = name != null ? name : "pooledsqlite_sp_" + id;
        return '"' + raw.replace("\"", "\"\"") + '"';
    }

    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) {
            throw new SQLException("This savepoint is named; it has no id", "HY024");
        }
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) {
            throw new SQLException("This savepoint is unnamed; it has an id", "HY024");
        }
        return name;
    }
}
