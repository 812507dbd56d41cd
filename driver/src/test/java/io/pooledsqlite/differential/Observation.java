package io.pooledsqlite.differential;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteException;

/**
 * What one run of a scenario saw, as lines of text: values read back, update counts, errors. Errors are
 * kept as the SQLite primary result code only: the pool deliberately adds standard SQLStates and JDBC
 * subclasses (docs/errors.md) and reports the extended code, so neither the class, the SQLState nor the
 * message is compared.
 */
public final class Observation {
    /** A JDBC call whose result is observed. */
    @FunctionalInterface
    public interface SqlCall<T> {
        T call() throws Exception;
    }

    /** A JDBC action without a result. */
    @FunctionalInterface
    public interface SqlAction {
        void run() throws Exception;
    }

    private final List<String> lines = new ArrayList<>();
    /** The run's own directory, which differs between the runs, is shown as {@code <run>}. */
    private final String runDir;

    Observation(String runDir) {
        this.runDir = runDir;
    }

    /** Records a line as is. */
    public void note(String line) {
        lines.add(line.replace(runDir, "<run>"));
    }

    /** Records the result of a call, or how it failed. */
    public <T> T call(String label, SqlCall<T> call) {
        try {
            T result = call.call();
            note(label + " -> " + show(result));
            return result;
        } catch (Exception e) {
            note(label + " -> " + error(e));
            return null;
        }
    }

    /** Records that an action succeeded, or how it failed; returns whether it succeeded. */
    public boolean run(String label, SqlAction action) {
        try {
            action.run();
            note(label + " -> ok");
            return true;
        } catch (Exception e) {
            note(label + " -> " + error(e));
            return false;
        }
    }

    /** Runs {@code executeUpdate} on a new statement and records the count or the error. */
    public Integer update(Connection c, String sql) {
        return call("update " + sql, () -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate(sql);
            }
        });
    }

    /** Runs {@code execute} on a new statement and records whether it gave a result set, or the error. */
    public void execute(Connection c, String sql) {
        call("execute " + sql, () -> {
            try (Statement s = c.createStatement()) {
                return s.execute(sql);
            }
        });
    }

    /** Runs a query on a new statement and records all its rows, or the error. */
    public String query(Connection c, String sql) {
        return call("query " + sql, () -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                return rows(rs);
            }
        });
    }

    /** All lines so far. */
    public List<String> lines() {
        return lines;
    }

    /** The rest of a result set as {@code [a|b, c|d]}. */
    public static String rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        StringBuilder b = new StringBuilder("[");
        boolean first = true;
        while (rs.next()) {
            if (!first) {
                b.append(", ");
            }
            first = false;
            for (int i = 1; i <= md.getColumnCount(); i++) {
                if (i > 1) {
                    b.append('|');
                }
                b.append(rs.getString(i));
            }
        }
        return b.append(']').toString();
    }

    private static String show(Object o) {
        if (o instanceof int[]) {
            return java.util.Arrays.toString((int[]) o);
        }
        if (o instanceof java.sql.Savepoint) {
            // each driver has its own class; what a savepoint does is observed by using it
            return "a savepoint";
        }
        return String.valueOf(o);
    }

    /** An error as what is compared of it: that it is an error, and SQLite's primary result code. */
    public static String error(Throwable t) {
        if (t instanceof SQLException) {
            return "ERR code=" + primaryCode((SQLException) t);
        }
        return "ERR " + t.getClass().getSimpleName();
    }

    /**
     * The primary SQLite result code: from the {@code SQLiteException} in the cause chain when there is one
     * (sqlite-jdbc reports the primary code, the pool the extended one), else the error code's low byte.
     */
    static int primaryCode(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException) {
                return ((SQLiteException) t).getResultCode().code & 0xff;
            }
        }
        return e.getErrorCode() & 0xff;
    }
}
