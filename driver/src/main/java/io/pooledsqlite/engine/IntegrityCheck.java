package io.pooledsqlite.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientException;
import java.sql.Statement;

/**
 * The check a pool runs on its first connection when the {@code integrityCheck} key asks for one:
 * {@code PRAGMA quick_check} ({@code quick}) or {@code PRAGMA integrity_check} ({@code full}). It only
 * reads: a failed check leaves the file as it was.
 */
final class IntegrityCheck {
    private static final System.Logger LOG = System.getLogger(IntegrityCheck.class.getName());

    private IntegrityCheck() {
    }

    /**
     * Runs the check {@code mode} names ({@code none}, {@code quick} or {@code full}).
     *
     * @throws SQLNonTransientException with SQLState {@code XX001} and SQLite's first findings if it fails
     */
    static void run(Connection physical, String mode, String poolName, String target) throws SQLException {
        if (mode.equals("none")) {
            return;
        }
        StringBuilder problems = new StringBuilder();
        try (Statement s = physical.createStatement();
             ResultSet rs = s.executeQuery(mode.equals("quick") ? "PRAGMA quick_check(20)"
                     : "PRAGMA integrity_check(20)")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!"ok".equals(line)) {
                    problems.append(problems.length() == 0 ? "" : "; ").append(line);
                }
            }
        }
        if (problems.length() > 0) {
            throw new SQLNonTransientException("Pool " + poolName + ": " + mode + " integrity check of " + target
                    + " failed: " + problems + ". The file was not modified.", "XX001", 11);
        }
        LOG.log(System.Logger.Level.INFO, "Pool {0}: {1} integrity check of {2} passed", poolName, mode, target);
    }
}
