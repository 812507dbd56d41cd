package io.pooledsqlite.pool;

import io.pooledsqlite.write.Pragmas;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The connection-scoped state of a physical connection as it was when it was opened, and the check that
 * puts a returned connection back into that state. Settings a borrower changed with a {@code PRAGMA} are
 * read back and set again (cheap, and common: programs that set {@code foreign_keys} at every borrow);
 * TEMP objects and attached databases cannot be undone precisely, so a connection that has them is
 * replaced instead. Only what the borrower may have changed is checked.
 */
final class SessionReset {
    private final Map<String, String> fresh = new HashMap<>();
    private final String caseSensitiveLike;
    /** SQLite lists {@code temp} only once it has been used: attached databases are the others. */
    private static final String ATTACHED = "SELECT count(*) FROM pragma_database_list WHERE name NOT IN ('main', 'temp')";

    private SessionReset(String caseSensitiveLike) {
        this.caseSensitiveLike = caseSensitiveLike;
    }

    /** Reads the settings of a connection that has just been opened with the pool's settings. */
    static SessionReset capture(Connection physical, String caseSensitiveLike) throws SQLException {
        try (Statement s = physical.createStatement()) {
            SessionReset r = new SessionReset(caseSensitiveLike);
            for (String name : Pragmas.SESSION) {
                r.fresh.put(name, read(s, name));
            }
            return r;
        }
    }

    /**
     * Restores the pragmas named (all of them if {@code all}) and, if {@code schema}, checks for TEMP
     * objects and attached databases.
     *
     * @return true if the connection is now as fresh; false if it must be replaced
     */
    boolean restore(Connection physical, Iterable<String> pragmas, boolean all, boolean schema) {
        try (Statement s = physical.createStatement()) {
            for (String name : all ? Pragmas.SESSION : pragmas) {
                if (!restore(s, name)) {
                    return false;
                }
            }
            if (all) {
                restore(s, "case_sensitive_like");
            }
            if (schema || all) {
                return count(s, "SELECT count(*) FROM temp.sqlite_master") == 0
                        && count(s, ATTACHED) == 0;
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private boolean restore(Statement s, String name) throws SQLException {
        if (Pragmas.WRITE_ONLY_SESSION.contains(name)) {
            s.execute("PRAGMA " + name + " = " + caseSensitiveLike);
            return true;
        }
        String wanted = fresh.get(name);
        if (!fresh.containsKey(name)) {
            return false;
        }
        if (Objects.equals(read(s, name), wanted)) {
            return true;
        }
        s.execute("PRAGMA " + name + " = " + (wanted == null ? "''" : "'" + wanted.replace("'", "''") + "'"));
        if (name.equals("locking_mode")) {
            // an exclusive lock is given up at the next access of the file
            read(s, "schema_version");
        }
        return Objects.equals(read(s, name), wanted);
    }

    private static String read(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}
